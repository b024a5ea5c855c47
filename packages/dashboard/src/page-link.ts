/**
 * The address to link a page heading to, or null when it is not a plain http(s) URL.
 * The URL comes from a reader's browser: a `javascript:` or `data:` URL must never become a link.
 */
export function pageHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * What to call a page when it has no title: its path (with the query, which often names the
 * article), else the URL as given.
 * @example pageLabel(null, 'https://news.example/2025/03/budget?p=2') === '/2025/03/budget?p=2'
 */
export function pageLabel(title: string | null, url: string): string {
  if (title?.trim()) return title.trim();
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

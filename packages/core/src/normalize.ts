/**
 * Text and URL normalisation: the same words typed, pasted or rendered differently compare equal.
 */

// Control characters count as whitespace: they are never content, and fingerprints use one as a separator.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const WHITESPACE_RUN = /[\s\u0000-\u001f\u007f-\u009f\u00a0\u200b\u2028\u2029]+/gu;
// An alternation, not a class: a class holding the zero-width joiner reads as a joined emoji sequence.
const SOFT_HYPHEN_AND_JOINERS = /\u00ad|\u200c|\u200d|\u2060|\ufeff/gu;

/**
 * Canonical form of text for comparison: Unicode NFKC (full-width, ligatures, composed
 * accents), case folded, invisible joiners removed, whitespace runs as one space, trimmed.
 * @example normalizeText('  Caf\u0065\u0301\u00a0 DU  Monde ') === 'café du monde'
 */
export function normalizeText(text: string): string {
  return (
    text
      .normalize('NFKC')
      .replace(SOFT_HYPHEN_AND_JOINERS, '')
      .replace(WHITESPACE_RUN, ' ')
      .trim()
      // Locale-independent lower case: the same on every server and browser (and faster).
      .toLowerCase()
      // Lower-casing can leave a letter and a combining mark that compose (T + ¨ → t + ¨ → ẗ): compose again.
      .normalize('NFKC')
  );
}

/** Query parameters that only track the visitor and never select content. */
const TRACKING_PARAMS = /^(utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|yclid|_ga|_gl)$/i;

/**
 * Canonical form of a page URL: one page, one string. Drops the fragment, tracking
 * parameters, default ports and a trailing slash on the path; lower-cases scheme and host
 * (the URL parser does); sorts the remaining query parameters.
 * Returns null for anything that is not an absolute http(s) URL.
 * @example normalizeUrl('HTTPS://News.Example.org:443/a/?utm_source=x&b=2&a=1#top') === 'https://news.example.org/a?a=1&b=2'
 */
export function normalizeUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  parsed.hash = '';
  parsed.username = '';
  parsed.password = '';
  const kept = [...parsed.searchParams].filter(([name]) => !TRACKING_PARAMS.test(name));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  parsed.search = new URLSearchParams(kept).toString();
  if (parsed.pathname.length > 1 && parsed.pathname.endsWith('/')) {
    parsed.pathname = parsed.pathname.replace(/\/+$/, '');
  }
  return parsed.toString();
}

/** The origin (scheme://host[:port]) of an absolute http(s) URL, or null. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

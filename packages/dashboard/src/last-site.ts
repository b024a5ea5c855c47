// Per browser, not per account: an editor's machine usually serves one person.
const LAST_SITE_KEY = 'errata.dashboard.site';

/** The site the editor looked at last in this browser, or null (none yet, or storage blocked). */
export function readLastSite(): string | null {
  try {
    return localStorage.getItem(LAST_SITE_KEY);
  } catch {
    return null;
  }
}

/** Remembers the site shown, so the next visit opens on it. */
export function rememberSite(site: string): void {
  try {
    localStorage.setItem(LAST_SITE_KEY, site);
  } catch {
    // Storage blocked (private mode, policy): the inbox then opens on the first site, which is fine.
  }
}

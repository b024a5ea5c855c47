/**
 * The address of a site's privacy page (the server's /privacy/<public key>), from where the
 * dashboard is served: the server's root is the dashboard's folder's parent.
 * @example privacyPageUrl('https://errata.example.org', '/admin/', 'courier') === 'https://errata.example.org/privacy/courier'
 */
export function privacyPageUrl(origin: string, basePath: string, publicKey: string): string {
  const root = basePath.replace(/[^/]+\/$/, '');
  return `${origin}${root}privacy/${encodeURIComponent(publicKey)}`;
}

/** The file name an export is saved as: the site and the day, never the reader's address. */
export function readerDataFileName(siteId: string, now = new Date()): string {
  return `reader-data-${siteId}-${now.toISOString().slice(0, 10)}.json`;
}

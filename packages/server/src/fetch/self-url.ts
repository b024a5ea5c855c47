/**
 * Errata's own pages (the demo newsroom at /demo/) as the recheck reads them. A URL on the
 * server's public address (ERRATA_PUBLIC_URL's scheme, host and port exactly, under its path)
 * reaches this server, or the operator's proxy in front of it, so the recheck may fetch it on a
 * loopback or private address without the site being marked local. Only the recheck's page
 * fetches ask this; a webhook never does, so no owner can aim one at the server's network.
 */

/**
 * Whether `url` is on the server's own public address.
 * @example isSelfUrl(new URL('http://localhost:8080/demo/a.html'), 'http://localhost:8080') === true
 * @example isSelfUrl(new URL('http://localhost:8081/demo/a.html'), 'http://localhost:8080') === false
 */
export function isSelfUrl(url: URL, publicUrl: string): boolean {
  let own: URL;
  try {
    own = new URL(publicUrl);
  } catch {
    return false;
  }
  if (url.origin !== own.origin) return false;
  // Errata served under a path (https://intranet.example/errata) owns only that path of its host.
  const base = own.pathname.replace(/\/+$/, '');
  return base === '' || url.pathname === base || url.pathname.startsWith(`${base}/`);
}

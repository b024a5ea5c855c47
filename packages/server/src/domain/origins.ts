/** The allowed-origins entry that stands for the Errata server's own origin, whatever its port. */
export const SELF_ORIGIN = 'self';

/**
 * Whether a page origin may report to a site: it is listed, or the site lists "self" and
 * the origin is the one the request itself was made to.
 */
export function isOriginAllowed(
  allowedOrigins: readonly string[],
  origin: string,
  requestOrigin: string,
): boolean {
  for (const allowed of allowedOrigins) {
    if (allowed === SELF_ORIGIN ? origin === requestOrigin : origin === allowed) return true;
  }
  return false;
}

/** The localStorage key of a site's offline queue; the loader checks it at start, the outbox keeps it. */
export function queueKey(site: string): string {
  return `errata:queue:${site}`;
}

/** The localStorage key of the ids of the reports this reader sent to a site; the loader checks it once the page is idle. */
export function receiptsKey(site: string): string {
  return `errata:sent:${site}`;
}

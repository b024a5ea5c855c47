import type { ErratumEvent } from '@errata/core';

/**
 * The open errata that got reports while the editor was away, after one more event: a report
 * of an open erratum adds it (once, however many reports), and an erratum that is no longer
 * open leaves the count, since nobody needs to look at it any more.
 */
export function unseenAfter(unseen: ReadonlySet<string>, event: ErratumEvent): ReadonlySet<string> {
  const { id, status } = event.erratum;
  if (status === 'open' && event.cause === 'report' && !unseen.has(id)) return new Set(unseen).add(id);
  if (status !== 'open' && unseen.has(id)) {
    const rest = new Set(unseen);
    rest.delete(id);
    return rest;
  }
  return unseen;
}

/** The tab's title with the count in front, as mail clients do: "(3) Open · The demo newsroom · Errata". */
export function titleWithCount(title: string, count: number): string {
  return count > 0 ? `(${count}) ${title}` : title;
}

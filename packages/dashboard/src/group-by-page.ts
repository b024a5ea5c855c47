import type { Erratum } from '@errata/core';

/** The errata of one page, as the inbox shows them under one heading. */
export interface PageGroup {
  /** The page's normalised URL, shared by every erratum of the group. */
  url: string;
  /** The page's title at its latest report, or null when no reader's page had one. */
  title: string | null;
  /** The page's errata, latest report first. */
  errata: Erratum[];
}

// Times compare as instants, not strings: '…T10:00:00+02:00' is before '…T09:00:00Z'.
function reportedAt(erratum: Erratum): number {
  const time = Date.parse(erratum.lastReportedAt);
  return Number.isNaN(time) ? 0 : time;
}

/**
 * Groups errata by page: pages ordered by their latest report, errata inside a page too.
 * The sort is stable, so errata reported at the same instant keep the server's order.
 */
export function groupByPage(errata: readonly Erratum[]): PageGroup[] {
  const newestFirst = [...errata].sort((a, b) => reportedAt(b) - reportedAt(a));
  const groups = new Map<string, PageGroup>();
  for (const erratum of newestFirst) {
    const group = groups.get(erratum.url);
    if (group) {
      group.errata.push(erratum);
      group.title ??= erratum.title;
    } else {
      groups.set(erratum.url, { url: erratum.url, title: erratum.title, errata: [erratum] });
    }
  }
  return [...groups.values()];
}

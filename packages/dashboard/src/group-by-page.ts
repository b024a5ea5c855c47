import type { ErrataSort, Erratum } from '@errata/core';
import { sortErrata } from './errata-filter.ts';

/** The errata of one page, as the inbox shows them under one heading. */
export interface PageGroup {
  /** The page's normalised URL, shared by every erratum of the group. */
  url: string;
  /** The page's title at its latest report, or null when no reader's page had one. */
  title: string | null;
  /** The page's errata, in the inbox's order. */
  errata: Erratum[];
}

// Times compare as instants, not strings: '…T10:00:00+02:00' is before '…T09:00:00Z'.
function reportedAt(erratum: Erratum): number {
  const time = Date.parse(erratum.lastReportedAt);
  return Number.isNaN(time) ? 0 : time;
}

/**
 * Groups errata by page in an order of the inbox (latest report first unless told): a page
 * comes where its first erratum in that order does, and its errata follow in that order.
 */
export function groupByPage(errata: readonly Erratum[], sort: ErrataSort = 'newest'): PageGroup[] {
  const groups = new Map<string, PageGroup & { titledAt: number }>();
  for (const erratum of sortErrata(errata, sort)) {
    let group = groups.get(erratum.url);
    if (!group) {
      group = { url: erratum.url, title: null, errata: [], titledAt: -Infinity };
      groups.set(erratum.url, group);
    }
    group.errata.push(erratum);
    if (erratum.title !== null && reportedAt(erratum) > group.titledAt) {
      group.title = erratum.title;
      group.titledAt = reportedAt(erratum);
    }
  }
  return [...groups.values()].map(({ titledAt: _titledAt, ...group }) => group);
}

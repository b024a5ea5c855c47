import type { Erratum, ErratumEvent, ErratumStatus } from '@errata/core';
import { matchesFilter } from './errata-filter.ts';
import { withoutErratum } from './errata-list.ts';
import { type InboxFilter, NO_FILTER } from './inbox-location.ts';
import { doneOf } from './status-tabs.ts';

/** Which list an event is applied to, and who is looking at it. */
export interface LiveView {
  site: string;
  /** The tab's status. */
  tab: ErratumStatus;
  /** The signed-in editor: their own changes leave without a note. */
  userId: string;
  /** What the list is narrowed to; none when absent. */
  filter?: InboxFilter;
}

/** A list after one event, and the erratum another editor took out of it, if any. */
export interface LiveChange {
  errata: Erratum[];
  departed: Erratum | null;
}

function time(iso: string | null): number {
  const parsed = iso === null ? 0 : Date.parse(iso);
  return Number.isNaN(parsed) ? 0 : parsed;
}

/**
 * True when `copy` shows an erratum as it was before `other` did. Report counts and status
 * times only grow, so a copy behind on either is older; events can pass each other on the
 * way (a report's read-back against an editor's change), and the older must not win.
 */
export function isOlder(copy: Erratum, other: Erratum): boolean {
  return time(copy.statusChangedAt) < time(other.statusChangedAt) || copy.reports < other.reports;
}

/**
 * Applies a live event to the errata of one tab under a filter: an erratum that belongs is
 * updated in place or added (the list sorts it), one that no longer belongs is taken out.
 * The list is returned as it was when nothing changes. A search is only checked for
 * newcomers: the server's full-text match of a listed erratum is not second-guessed.
 */
export function applyLiveEvent(shown: Erratum[], event: ErratumEvent, view: LiveView): LiveChange {
  const unchanged = { errata: shown, departed: null };
  const erratum = event.erratum;
  if (erratum.site !== view.site) return unchanged;
  const index = shown.findIndex((candidate) => candidate.id === erratum.id);
  const current = shown[index];
  if (current && isOlder(erratum, current)) return unchanged;

  const filter = view.filter ?? NO_FILTER;
  if (matchesFilter(erratum, view.tab, current ? { ...filter, q: '' } : filter, view.userId)) {
    if (!current) return { errata: [erratum, ...shown], departed: null };
    return { errata: shown.map((candidate, at) => (at === index ? erratum : candidate)), departed: null };
  }
  if (!current) return unchanged;
  const byAnother = event.cause === 'status' && event.actorId !== view.userId;
  return { errata: withoutErratum(shown, erratum.id), departed: byAnother ? erratum : null };
}

/** Applies events received while a page was on its way to that page, in order. */
export function replayOver(page: Erratum[], events: readonly ErratumEvent[], view: LiveView): Erratum[] {
  return events.reduce((list, event) => applyLiveEvent(list, event, view).errata, page);
}

/** What the inbox says when another editor moved a card out of the tab: "Marked as fixed by another editor". */
export function departureNote(erratum: Erratum): string {
  if (erratum.status === 'verified') return 'Verified on the page';
  return `${doneOf(erratum.status) ?? 'Moved'} by another editor`;
}

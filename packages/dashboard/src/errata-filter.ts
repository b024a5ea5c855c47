import { type ErrataSort, type Erratum, type ErratumStatus, normalizeText } from '@errata/core';
import type { InboxFilter } from './inbox-location.ts';
import { tabOf } from './status-tabs.ts';

/**
 * The priority order's time constant, as the server's (ln(reports) + t/τ): one more day of
 * age weighs as much as e≈2.7 times fewer reports.
 */
export const PRIORITY_TAU_SECONDS = 86_400;

/** The first instant of a day in the editor's time zone, as ISO-8601. */
export function dayStart(day: string): string {
  return new Date(`${day}T00:00:00`).toISOString();
}

/** The last instant of a day in the editor's time zone, as ISO-8601. */
export function dayEnd(day: string): string {
  const next = new Date(`${day}T00:00:00`);
  next.setDate(next.getDate() + 1);
  return new Date(next.getTime() - 1).toISOString();
}

/** The query of GET /api/v1/errata for a tab and a filter (without site, cursor and limit). */
export function errataQuery(status: ErratumStatus, filter: InboxFilter): Record<string, string> {
  const query: Record<string, string> = { status, sort: filter.sort };
  if (filter.kind) query.kind = filter.kind;
  if (filter.desk) query.desk = filter.desk;
  if (filter.assignee) query.assignee = filter.assignee;
  if (filter.hasSuggestion !== null) query.hasSuggestion = String(filter.hasSuggestion);
  if (filter.source) query.source = filter.source;
  if (filter.from) query.from = dayStart(filter.from);
  if (filter.to) query.to = dayEnd(filter.to);
  if (filter.q.trim()) query.q = filter.q.trim();
  return query;
}

function time(iso: string): number {
  const parsed = Date.parse(iso);
  return Number.isNaN(parsed) ? 0 : parsed;
}

/**
 * True when an erratum belongs in a tab under a filter. A search finds the words as typed
 * (normalised: case, spaces, Unicode forms) in the quote, a suggestion or a comment, as the
 * server's search does; the list carries only the latest comments, so a live arrival found
 * by an older comment waits for the next load.
 */
export function matchesFilter(
  erratum: Erratum,
  status: ErratumStatus,
  filter: InboxFilter,
  userId: string,
): boolean {
  if (tabOf(erratum.status).status !== status) return false;
  if (filter.kind && erratum.kind !== filter.kind) return false;
  if (filter.desk && erratum.desk !== filter.desk) return false;
  if (filter.assignee) {
    const assigned = erratum.assignee?.id ?? null;
    const wanted = filter.assignee === 'me' ? userId : filter.assignee === 'none' ? null : filter.assignee;
    if (assigned !== wanted) return false;
  }
  if (filter.hasSuggestion !== null && erratum.suggestions.length > 0 !== filter.hasSuggestion) return false;
  if (filter.source && erratum.source !== filter.source) return false;
  const reported = time(erratum.lastReportedAt);
  if (filter.from && reported < time(dayStart(filter.from))) return false;
  if (filter.to && reported > time(dayEnd(filter.to))) return false;
  const wanted = normalizeText(filter.q);
  if (wanted !== '') {
    const texts = [erratum.quote.exact, ...erratum.suggestions.map((s) => s.text), ...erratum.comments];
    if (!texts.some((text) => normalizeText(text).includes(wanted))) return false;
  }
  return true;
}

/** An erratum's priority: ln(reports) + seconds of its latest report / τ; higher comes first. */
export function priorityOf(erratum: Erratum): number {
  return Math.log(Math.max(1, erratum.reports)) + time(erratum.lastReportedAt) / 1000 / PRIORITY_TAU_SECONDS;
}

const COMPARE: Record<ErrataSort, (a: Erratum, b: Erratum) => number> = {
  priority: (a, b) => priorityOf(b) - priorityOf(a),
  newest: (a, b) => time(b.lastReportedAt) - time(a.lastReportedAt),
  oldest: (a, b) => time(a.firstReportedAt) - time(b.firstReportedAt),
  reports: (a, b) => b.reports - a.reports || time(b.lastReportedAt) - time(a.lastReportedAt),
};

/** The errata in an order of the inbox; a stable sort, so ties keep the server's order. */
export function sortErrata(errata: readonly Erratum[], sort: ErrataSort): Erratum[] {
  return [...errata].sort(COMPARE[sort]);
}

import {
  type ErrataSort,
  type Erratum,
  type ErratumStatus,
  type InboxFilter,
  matchesInboxFilter,
  priorityOf,
} from '@errata/core';
import type { InboxFilter as ViewFilter } from './inbox-location.ts';
import { statusesOfTab } from './status-tabs.ts';

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

/** The query of GET /api/v1/errata for a tab and a filter (without site, cursor and limit): one pair per parameter. */
export function errataQuery(status: ErratumStatus, filter: ViewFilter): [string, string][] {
  const query: [string, string][] = statusesOfTab(status).map((listed) => ['status', listed]);
  query.push(['sort', filter.sort]);
  if (filter.kind) query.push(['kind', filter.kind]);
  if (filter.desk) query.push(['desk', filter.desk]);
  if (filter.assignee) query.push(['assignee', filter.assignee]);
  if (filter.hasSuggestion !== null) query.push(['hasSuggestion', String(filter.hasSuggestion)]);
  if (filter.source) query.push(['source', filter.source]);
  if (filter.from) query.push(['from', dayStart(filter.from)]);
  if (filter.to) query.push(['to', dayEnd(filter.to)]);
  if (filter.q.trim()) query.push(['q', filter.q.trim()]);
  return query;
}

/**
 * The inbox filter (core's, the server's meaning) of a tab and the editor's filter: what
 * errataQuery asks the server for, so the live list keeps the errata a reload would show.
 */
export function inboxFilterOf(status: ErratumStatus, filter: ViewFilter, userId: string): InboxFilter {
  const inbox: InboxFilter = { statuses: statusesOfTab(status) };
  if (filter.kind) inbox.kind = filter.kind;
  if (filter.desk) inbox.desk = filter.desk;
  if (filter.assignee) {
    inbox.assignee =
      filter.assignee === 'none'
        ? { none: true }
        : { userId: filter.assignee === 'me' ? userId : filter.assignee };
  }
  if (filter.hasSuggestion !== null) inbox.hasSuggestion = filter.hasSuggestion;
  if (filter.source) inbox.source = filter.source;
  if (filter.from) inbox.from = dayStart(filter.from);
  // The server takes a "to" time as inclusive to the millisecond: the next one is the bound.
  if (filter.to) inbox.before = new Date(Date.parse(dayEnd(filter.to)) + 1).toISOString();
  if (filter.q.trim()) inbox.search = filter.q;
  return inbox;
}

function time(iso: string): number {
  const parsed = Date.parse(iso);
  return Number.isNaN(parsed) ? 0 : parsed;
}

/**
 * True when an erratum belongs in a tab under a filter, as the server's list says (core's
 * matchesInboxFilter); the list carries only the latest comments, so a live arrival found by
 * an older comment waits for the next load.
 */
export function matchesFilter(
  erratum: Erratum,
  status: ErratumStatus,
  filter: ViewFilter,
  userId: string,
): boolean {
  return matchesInboxFilter(erratum, inboxFilterOf(status, filter, userId));
}

const priority = (erratum: Erratum) => priorityOf(erratum.reports, erratum.lastReportedAt);

const COMPARE: Record<ErrataSort, (a: Erratum, b: Erratum) => number> = {
  priority: (a, b) => priority(b) - priority(a),
  newest: (a, b) => time(b.lastReportedAt) - time(a.lastReportedAt),
  oldest: (a, b) => time(a.firstReportedAt) - time(b.firstReportedAt),
  reports: (a, b) => b.reports - a.reports || time(b.lastReportedAt) - time(a.lastReportedAt),
};

/** The errata in an order of the inbox; a stable sort, so ties keep the server's order. */
export function sortErrata(errata: readonly Erratum[], sort: ErrataSort): Erratum[] {
  return [...errata].sort(COMPARE[sort]);
}

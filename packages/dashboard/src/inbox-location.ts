import {
  ERRATA_SEARCH_MAX,
  ERRATA_SORTS,
  ERRATUM_SOURCES,
  type ErrataSort,
  type ErratumSource,
  type ErratumStatus,
  REPORT_KINDS,
  type ReportKind,
} from '@errata/core';
import { DEFAULT_STATUS, STATUS_TABS } from './status-tabs.ts';

/** Which errata of a tab the inbox lists, and in which order. */
export interface InboxFilter {
  kind: ReportKind | null;
  desk: string | null;
  /** 'me', 'none' (unassigned) or a member's user id; null for anyone. */
  assignee: string | null;
  /** true: only errata with a suggested correction, false: only without; null: both. */
  hasSuggestion: boolean | null;
  /** Who found them: readers, or the proofreader; null for both. */
  source: ErratumSource | null;
  /** First and last day of the latest report, as YYYY-MM-DD in the editor's time zone; null for open-ended. */
  from: string | null;
  to: string | null;
  /** Words to find in quotes, suggestions and comments; '' for none. */
  q: string;
  sort: ErrataSort;
}

/** What the inbox shows, kept in the address so a reload, back or a shared link opens the same list. */
export interface InboxLocation extends InboxFilter {
  /** The site's id, or null to let the app choose. */
  site: string | null;
  /** The status of the tab shown. */
  status: ErratumStatus;
  /** The erratum whose detail is open, or null. */
  open: string | null;
}

/** Every erratum of the tab, priority first. */
export const NO_FILTER: InboxFilter = {
  kind: null,
  desk: null,
  assignee: null,
  hasSuggestion: null,
  source: null,
  from: null,
  to: null,
  q: '',
  sort: 'priority',
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isTabStatus(value: string | null): value is ErratumStatus {
  return STATUS_TABS.some((tab) => tab.status === value);
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return values.includes(value as T) ? (value as T) : null;
}

function day(value: string | null): string | null {
  return value !== null && DAY.test(value) && !Number.isNaN(Date.parse(value)) ? value : null;
}

/** Reads the inbox's place from a query string; unknown values fall back to the defaults. */
export function readInboxLocation(search: string): InboxLocation {
  const params = new URLSearchParams(search);
  const status = params.get('status');
  const suggestion = params.get('suggestion');
  return {
    site: params.get('site') || null,
    status: isTabStatus(status) ? status : DEFAULT_STATUS,
    kind: oneOf(REPORT_KINDS, params.get('kind')),
    desk: params.get('desk') || null,
    assignee: params.get('assignee') || null,
    hasSuggestion: suggestion === 'yes' ? true : suggestion === 'no' ? false : null,
    source: oneOf(ERRATUM_SOURCES, params.get('source')),
    from: day(params.get('from')),
    to: day(params.get('to')),
    q: (params.get('q') ?? '').slice(0, ERRATA_SEARCH_MAX),
    sort: oneOf(ERRATA_SORTS, params.get('sort')) ?? NO_FILTER.sort,
    open: params.get('open') || null,
  };
}

/** The query string of an inbox place; defaults are left out to keep links short. */
export function inboxSearch(location: Partial<InboxLocation> & { site: string | null }): string {
  const place = { ...NO_FILTER, status: DEFAULT_STATUS, open: null, ...location };
  const params = new URLSearchParams();
  if (place.site) params.set('site', place.site);
  if (place.status !== DEFAULT_STATUS) params.set('status', place.status);
  if (place.kind) params.set('kind', place.kind);
  if (place.desk) params.set('desk', place.desk);
  if (place.assignee) params.set('assignee', place.assignee);
  if (place.hasSuggestion !== null) params.set('suggestion', place.hasSuggestion ? 'yes' : 'no');
  if (place.source) params.set('source', place.source);
  if (place.from) params.set('from', place.from);
  if (place.to) params.set('to', place.to);
  if (place.q.trim()) params.set('q', place.q);
  if (place.sort !== NO_FILTER.sort) params.set('sort', place.sort);
  if (place.open) params.set('open', place.open);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** The filter part of a place, without the site, the tab and the open detail. */
export function filterOf(location: InboxFilter): InboxFilter {
  const { kind, desk, assignee, hasSuggestion, source, from, to, q, sort } = location;
  return { kind, desk, assignee, hasSuggestion, source, from, to, q, sort };
}

/** How many choices of the filter narrow the tab, the search and the order aside: "Filters (2)". */
export function choicesInUse(filter: InboxFilter): number {
  const { q: _q, sort: _sort, ...choices } = filterOf(filter);
  const { q: _none, sort: _default, ...none } = NO_FILTER;
  return (Object.keys(none) as (keyof typeof none)[]).filter((key) => choices[key] !== none[key]).length;
}

/** True when the filter narrows the tab (the order does not count). */
export function isFiltered(filter: InboxFilter): boolean {
  return filter.q.trim() !== '' || choicesInUse(filter) > 0;
}

/** A key that changes exactly when the list to load changes. */
export function listKeyOf(site: string, status: ErratumStatus, filter: InboxFilter): string {
  return JSON.stringify([site, status, { ...filterOf(filter), q: filter.q.trim() }]);
}

/**
 * The site to show: the first wanted id the editor is a member of (the address, then the
 * last one used), else the editor's first site, else null when the editor has none.
 */
export function chooseSite(
  sites: readonly { id: string }[],
  wanted: readonly (string | null)[],
): string | null {
  for (const id of wanted) {
    if (id !== null && sites.some((site) => site.id === id)) return id;
  }
  return sites[0]?.id ?? null;
}

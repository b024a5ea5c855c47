import { type ErrataSort, type ErratumStatus, normalizeText, type ReportKind } from '@errata/core';
import type { InboxPosition, SiteInboxFilter } from '../store/inbox-list.ts';
import type { Principal } from './access.ts';
import { ErrataError } from './errors.ts';

/** GET /api/v1/errata's query, as the route validated it. */
export interface InboxQuery {
  site: string;
  /** One status, or several (the Fixed tab asks for fixed and verified). */
  status?: ErratumStatus | ErratumStatus[] | undefined;
  kind?: ReportKind | undefined;
  desk?: string | undefined;
  /** me | none | a user id */
  assignee?: string | undefined;
  hasSuggestion?: 'true' | 'false' | undefined;
  source?: 'reader' | 'proofreader' | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  sort?: ErrataSort | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

/** The store's filter for a query: dates checked and made comparable, `me` made a user id, `q` a LIKE pattern. */
export function inboxFilterOf(query: InboxQuery, principal: Principal): SiteInboxFilter {
  const filter: SiteInboxFilter = { siteId: query.site };
  if (query.status)
    filter.statuses = typeof query.status === 'string' ? [query.status] : [...new Set(query.status)];
  if (query.kind) filter.kind = query.kind;
  if (query.desk) filter.desk = query.desk;
  if (query.source) filter.source = query.source;
  if (query.hasSuggestion) filter.hasSuggestion = query.hasSuggestion === 'true';
  if (query.assignee === 'none') filter.assignee = { none: true };
  else if (query.assignee === 'me') {
    if (principal.kind !== 'user') {
      throw new ErrataError(
        'invalid',
        'assignee=me needs a signed-in editor; an API token is no one: name a user id.',
        {
          assignee: 'me needs a signed-in editor',
        },
      );
    }
    filter.assignee = { userId: principal.userId };
  } else if (query.assignee) filter.assignee = { userId: query.assignee };
  if (query.from) filter.from = dateBound(query.from, 'from', 'start');
  if (query.to) filter.before = dateBound(query.to, 'to', 'end');
  if (filter.from && filter.before && filter.from >= filter.before) {
    throw new ErrataError('invalid', 'from is after to: no erratum can match; swap them.', {
      from: 'is after to',
    });
  }
  // Only spaces: nothing to look for, the filter is left out.
  if (query.q !== undefined && normalizeText(query.q) !== '') filter.search = normalizeText(query.q);
  return filter;
}

/**
 * An ISO-8601 bound as stored times compare (toISOString, UTC). A date alone means the start
 * of that day (UTC) for `from`; for `to`, the whole day is included, so the bound is the next
 * day's start, exclusive. A time is taken as given (exclusive for `to` only by a millisecond).
 */
function dateBound(value: string, field: 'from' | 'to', edge: 'start' | 'end'): string {
  const dateOnly = DATE_ONLY.test(value);
  const time =
    dateOnly || DATE_TIME.test(value) ? Date.parse(dateOnly ? `${value}T00:00:00Z` : value) : Number.NaN;
  if (Number.isNaN(time) || !isCalendarDay(value.slice(0, 10))) {
    throw new ErrataError(
      'invalid',
      `${field} "${value}" is not a date: write it like 2026-11-29 or 2026-11-29T08:30:00Z.`,
      { [field]: 'is not a date like 2026-11-29 or 2026-11-29T08:30:00Z' },
    );
  }
  const bound = edge === 'start' ? time : time + (dateOnly ? DAY_MS : 1);
  return new Date(bound).toISOString();
}

/** Whether YYYY-MM-DD names a day that exists (Date.parse takes 2026-02-30 for March 2nd). */
function isCalendarDay(day: string): boolean {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const parsed = new Date(Date.UTC(year, month - 1, date));
  return (
    parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === date
  );
}

/** An opaque cursor: the order it belongs to, the last item's sort key and id. */
export function encodeInboxCursor(sort: ErrataSort, position: InboxPosition): string {
  return Buffer.from(JSON.stringify([sort, position.key, position.id])).toString('base64url');
}

export function decodeInboxCursor(sort: ErrataSort, cursor: string): InboxPosition {
  let parts: unknown[] = [];
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed)) parts = parsed;
  } catch {
    // refused below
  }
  const [cursorSort, key, id] = parts;
  const numeric = sort === 'priority' || sort === 'reports';
  const validKey = numeric ? typeof key === 'number' && Number.isFinite(key) : typeof key === 'string';
  if (parts.length !== 3 || typeof id !== 'string' || !validKey || typeof cursorSort !== 'string') {
    throw new ErrataError('invalid', 'The cursor is not one this server made: start again without it.', {
      cursor: 'is not valid',
    });
  }
  if (cursorSort !== sort) {
    throw new ErrataError(
      'invalid',
      `The cursor belongs to the order "${cursorSort}", not "${sort}": start again without it.`,
      { cursor: `belongs to sort=${cursorSort}` },
    );
  }
  return { key: key as number | string, id };
}

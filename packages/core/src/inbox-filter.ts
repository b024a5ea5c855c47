import { normalizeText } from './normalize.ts';
import type { Erratum, ErratumStatus, ReportKind } from './report.ts';

/**
 * Which errata of a site the inbox lists, one definition for the server's query
 * (store/inbox-list.ts turns it into SQL) and the dashboard's live list (an erratum that
 * arrives or changes is shown when it matches): every field narrows, an absent one does not.
 */
export interface InboxFilter {
  /** Any of these statuses (the Fixed tab lists fixed and verified errata). */
  statuses?: readonly ErratumStatus[];
  kind?: ReportKind;
  desk?: string;
  /** Unassigned errata, or those of one user. */
  assignee?: { none: true } | { userId: string };
  /** Errata with (true) or without (false) a reader's suggested correction. */
  hasSuggestion?: boolean;
  source?: Erratum['source'];
  /** Latest report at or after this ISO-8601 time (UTC, as toISOString writes it). */
  from?: string;
  /** Latest report before this ISO-8601 time (exclusive). */
  before?: string;
  /** Words looked for in the quote, the suggestions and the comments, as searchTextOf writes them. */
  search?: string;
}

/**
 * Between two texts of a search text: a line break, which normalised text never holds (it
 * makes every whitespace one space), so a search, normalised too, never matches across two texts.
 */
export const SEARCH_TEXT_SEPARATOR = '\n';

/**
 * What the inbox's search looks in: the given texts (quote, suggestions, comments)
 * normalised (NFKC, lower case, one space for any whitespace), each once, joined by
 * SEARCH_TEXT_SEPARATOR. The server stores it per erratum and searches it with LIKE; a search
 * matches when one of the texts holds it, as matchesInboxFilter says.
 */
export function searchTextOf(texts: readonly (string | null | undefined)[]): string {
  const normalised = texts
    .filter((text): text is string => typeof text === 'string' && text.trim() !== '')
    .map(normalizeText);
  return [...new Set(normalised)].join(SEARCH_TEXT_SEPARATOR);
}

/** Whether an erratum is one the filter lists (the same answer as the server's query for it). */
export function matchesInboxFilter(erratum: Erratum, filter: InboxFilter): boolean {
  if (filter.statuses && !filter.statuses.includes(erratum.status)) return false;
  if (filter.kind !== undefined && erratum.kind !== filter.kind) return false;
  if (filter.desk !== undefined && erratum.desk !== filter.desk) return false;
  if (filter.source !== undefined && erratum.source !== filter.source) return false;
  if (filter.assignee) {
    const wanted = 'none' in filter.assignee ? null : filter.assignee.userId;
    if ((erratum.assignee?.id ?? null) !== wanted) return false;
  }
  if (filter.hasSuggestion !== undefined && erratum.suggestions.length > 0 !== filter.hasSuggestion)
    return false;
  // ISO-8601 times of one form compare as text, as the database compares them.
  if (filter.from !== undefined && erratum.lastReportedAt < filter.from) return false;
  if (filter.before !== undefined && erratum.lastReportedAt >= filter.before) return false;
  const search = filter.search === undefined ? '' : normalizeText(filter.search);
  if (search !== '') {
    const texts = [erratum.quote.exact, ...erratum.suggestions.map((s) => s.text), ...erratum.comments];
    if (!texts.some((text) => normalizeText(text).includes(search))) return false;
  }
  return true;
}

/**
 * τ of the inbox's default order, in seconds: one day. An erratum's weight is
 * reports · e^{t/τ} (t = its latest report), so a spot reported again today outranks one
 * reported e≈2.7 times as often yesterday. The weight itself overflows; its logarithm
 * ln(reports) + t/τ orders the same, never changes while nothing happens (time-invariant,
 * so it can be stored and indexed), and is what the server's `priority` column holds.
 */
export const PRIORITY_TAU_SECONDS = 86_400;

/** The priority of an erratum with `reports` reports, the latest at `lastReportedAt` (ISO-8601); higher comes first. */
export function priorityOf(reports: number, lastReportedAt: string): number {
  const time = Date.parse(lastReportedAt);
  return Math.log(Math.max(1, reports)) + (Number.isNaN(time) ? 0 : time) / 1000 / PRIORITY_TAU_SECONDS;
}

import { normalizeText } from '@errata/core';

/**
 * τ of the inbox's default order, in seconds: one day. An erratum's weight is
 * reports · e^{t/τ} (t = its latest report), so a spot reported again today outranks one
 * reported e≈2.7 times as often yesterday. The weight itself overflows; its logarithm
 * ln(reports) + t/τ orders the same, never changes while nothing happens (time-invariant,
 * so it can be stored and indexed), and is what the `priority` column holds.
 */
export const PRIORITY_TAU_SECONDS = 86_400;

/** The stored priority of an erratum with `reports` reports, the latest at `lastReportedAt` (ISO-8601). */
export function priorityOf(reports: number, lastReportedAt: string): number {
  return Math.log(Math.max(1, reports)) + Date.parse(lastReportedAt) / 1000 / PRIORITY_TAU_SECONDS;
}

/**
 * What the inbox's full-text search looks in: the given texts (quote, suggestions, comments)
 * normalised (NFKC, lower case, one space for any whitespace) and joined by a space, so a
 * case-insensitive LIKE on it means the same in SQLite and PostgreSQL.
 */
export function searchTextOf(texts: readonly (string | null | undefined)[]): string {
  const normalised = texts
    .filter((text): text is string => typeof text === 'string' && text.trim() !== '')
    .map(normalizeText);
  return [...new Set(normalised)].join(' ');
}

/** A LIKE pattern that finds `query` (normalised as searchTextOf does) anywhere; `\` escapes % and _. */
export function containsPattern(query: string): string {
  return `%${normalizeText(query).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

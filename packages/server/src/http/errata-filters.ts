import { ERRATA_SEARCH_MAX, ERRATA_SORTS, ERRATUM_SOURCES, REPORT_KINDS } from '@errata/core';
import { Type } from 'typebox';

/** Longest desk name a filter accepts. */
const DESK_FILTER_MAX = 100;

/** The inbox's filters and orders, as query parameters of GET /api/v1/errata. */
export const ErrataFilterSchemas = {
  kind: Type.Optional(Type.Enum([...REPORT_KINDS], { description: 'Only errata of this kind.' })),
  desk: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: DESK_FILTER_MAX,
      description: 'Only errata routed to this desk.',
    }),
  ),
  assignee: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 64,
      description: '`me`, `none` (unassigned) or a user id.',
    }),
  ),
  hasSuggestion: Type.Optional(
    Type.Enum(['true', 'false'], {
      description: 'Only errata with (true) or without (false) a suggested correction.',
    }),
  ),
  source: Type.Optional(
    Type.Enum([...ERRATUM_SOURCES], { description: 'Who found the errata: readers or the proofreader.' }),
  ),
  from: Type.Optional(
    Type.String({
      maxLength: 40,
      description: 'Latest report on or after this date (2026-11-29) or time (ISO 8601, UTC).',
    }),
  ),
  to: Type.Optional(
    Type.String({
      maxLength: 40,
      description: 'Latest report on or before this date (the whole day) or time (ISO 8601, UTC).',
    }),
  ),
  q: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: ERRATA_SEARCH_MAX,
      description: 'Words to find in the quote, the suggestions or the comments (case-insensitive).',
    }),
  ),
  sort: Type.Optional(
    Type.Enum([...ERRATA_SORTS], {
      description:
        'priority (reports × recency, the default), newest (latest report), oldest (first report), reports.',
    }),
  ),
};

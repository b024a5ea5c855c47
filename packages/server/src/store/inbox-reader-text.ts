import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.ts';

/** One distinct suggestion of an erratum: the first reader's words, how many suggested it, when first. */
export interface SuggestionRow {
  erratumId: string;
  text: string;
  count: number;
  firstAt: string;
}

/**
 * The distinct suggestions of some errata (equal after normalisation), each in the words of
 * the first reader who typed it. Counting reads only the partial index reports_suggestions
 * (migration 005), so a spot with thousands of reports costs an index range, not thousands
 * of rows; the words are then read from one report per suggestion.
 */
export async function suggestionsOf(db: Kysely<Database>, ids: readonly string[]): Promise<SuggestionRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('reports')
        .select((inner) => [
          'erratum_id',
          'suggestion_key',
          inner.fn.countAll<number>().as('count'),
          inner.fn.min('created_at').as('first_at'),
        ])
        .where('erratum_id', 'in', [...ids])
        .where('suggestion_key', 'is not', null)
        .groupBy(['erratum_id', 'suggestion_key'])
        .as('g'),
    )
    .innerJoin('reports as r', (join) =>
      join
        .onRef('r.erratum_id', '=', 'g.erratum_id')
        .onRef('r.suggestion_key', '=', 'g.suggestion_key')
        .onRef('r.created_at', '=', 'g.first_at'),
    )
    .select(['g.erratum_id', 'g.suggestion_key', 'g.count', 'g.first_at', 'r.suggestion', 'r.id'])
    .where('r.suggestion_key', 'is not', null)
    .orderBy('r.id')
    .execute();
  // Two first reports in the same millisecond: the one with the smaller id (ids are time-ordered) speaks.
  const seen = new Set<string>();
  const suggestions: SuggestionRow[] = [];
  for (const row of rows) {
    const key = `${row.erratum_id}\u001f${row.suggestion_key}`;
    if (seen.has(key)) continue;
    seen.add(key);
    suggestions.push({
      erratumId: row.erratum_id,
      text: String(row.suggestion),
      count: Number(row.count),
      firstAt: String(row.first_at),
    });
  }
  return suggestions;
}

/**
 * The newest `perErratum` comments of each erratum, newest first (all of them for Infinity).
 * With a limit, each erratum's comments are read from the partial index reports_comments
 * from its cut-off on, so a spot with thousands of comments reads only its newest few.
 */
export async function newestCommentsOf(
  db: Kysely<Database>,
  ids: readonly string[],
  perErratum: number,
): Promise<{ erratumId: string; comment: string }[]> {
  if (ids.length === 0) return [];
  const rows: { erratum_id: string; comment: string | null; created_at: string; ordinal: number }[] = [];
  if (!Number.isFinite(perErratum)) {
    rows.push(
      ...(await db
        .selectFrom('reports')
        .select(['erratum_id', 'comment', 'created_at', 'ordinal'])
        .where('erratum_id', 'in', [...ids])
        .where('comment', 'is not', null)
        .execute()),
    );
  } else {
    // First each erratum's cut-off (the created_at of its n-th newest comment, or '' with
    // fewer), then its comments since then: one index range per erratum. The CROSS JOIN
    // makes SQLite read the cut-offs first (PostgreSQL plans it alike as an inner join).
    const cutoffs = db
      .selectFrom('errata as e')
      .select((eb) => [
        'e.id',
        eb.fn
          .coalesce(
            eb
              .selectFrom('reports as newer')
              .select('newer.created_at')
              .whereRef('newer.erratum_id', '=', 'e.id')
              .where('newer.comment', 'is not', null)
              .orderBy('newer.created_at', 'desc')
              .limit(1)
              .offset(perErratum - 1),
            sql.lit(''),
          )
          .as('since'),
      ])
      .where('e.id', 'in', [...ids]);
    rows.push(
      ...(await db
        .selectFrom(cutoffs.as('cut'))
        .crossJoin('reports as r')
        .select(['r.erratum_id', 'r.comment', 'r.created_at', 'r.ordinal'])
        .whereRef('r.erratum_id', '=', 'cut.id')
        .where('r.comment', 'is not', null)
        .whereRef('r.created_at', '>=', 'cut.since')
        .execute()),
    );
  }
  // Newest first; within one millisecond the later report of the erratum (its ordinal) first.
  rows.sort((a, b) =>
    a.created_at < b.created_at
      ? 1
      : a.created_at > b.created_at
        ? -1
        : Number(b.ordinal) - Number(a.ordinal),
  );
  return rows.flatMap((row) =>
    row.comment === null ? [] : [{ erratumId: row.erratum_id, comment: row.comment }],
  );
}

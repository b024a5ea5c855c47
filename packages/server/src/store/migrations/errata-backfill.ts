import { priorityOf, searchTextOf } from '@errata/core';
import type { Kysely } from 'kysely';

/** Errata backfilled per round: bounded memory on a large database. */
const BACKFILL_CHUNK = 500;

/**
 * Writes every stored erratum's search text anew from its quote and its reports' suggestions
 * and comments (core's searchTextOf), and with `priority` its priority, a chunk at a time.
 * Used by the migrations that introduce or change those columns.
 */
export async function backfillErrata(
  untyped: Kysely<unknown>,
  { priority }: { priority: boolean },
): Promise<void> {
  // biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was then, not schema.ts.
  const db = untyped as Kysely<any>;
  let after = '';
  for (;;) {
    const errata: { id: string; quote_exact: string; report_count: number; last_reported_at: string }[] =
      await db
        .selectFrom('errata')
        .select(['id', 'quote_exact', 'report_count', 'last_reported_at'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(BACKFILL_CHUNK)
        .execute();
    if (errata.length === 0) return;
    const texts: { erratum_id: string; suggestion: string | null; comment: string | null }[] = await db
      .selectFrom('reports')
      .select(['erratum_id', 'suggestion', 'comment'])
      .where(
        'erratum_id',
        'in',
        errata.map((e) => e.id),
      )
      .orderBy('created_at')
      .execute();
    const byErratum = new Map<string, (string | null)[]>();
    for (const t of texts) {
      byErratum.set(t.erratum_id, [...(byErratum.get(t.erratum_id) ?? []), t.suggestion, t.comment]);
    }
    await inTransaction(db, async (trx) => {
      for (const e of errata) {
        await trx
          .updateTable('errata')
          .set({
            ...(priority ? { priority: priorityOf(Number(e.report_count), e.last_reported_at) } : {}),
            search_text: searchTextOf([e.quote_exact, ...(byErratum.get(e.id) ?? [])]),
          })
          .where('id', '=', e.id)
          .execute();
      }
    });
    after = errata.at(-1)!.id;
  }
}

/** Runs `work` in a transaction: its own on SQLite; on PostgreSQL the migrator's, which holds every migration. */
// biome-ignore lint/suspicious/noExplicitAny: as backfillErrata's db.
function inTransaction(db: Kysely<any>, work: (trx: Kysely<any>) => Promise<void>): Promise<void> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

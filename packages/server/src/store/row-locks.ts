import { type Kysely, PostgresAdapter, type QueryExecutor, type SelectQueryBuilder, sql } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Where the two databases differ in locking, in one place. SQLite runs one write transaction
 * at a time, so a read inside it cannot go stale; PostgreSQL runs them side by side (read
 * committed), so a rule that reads rows and then writes on what it read ("the last owner
 * stays") locks those rows until it commits: a second transaction waits, then reads them anew.
 */
export function lockedForUpdate<DB, TB extends keyof DB, O>(
  db: Kysely<Database>,
  query: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return isPostgres(db) ? query.forUpdate() : query;
}

/**
 * Rows a worker may claim: on PostgreSQL the ones no other instance is claiming this moment
 * (FOR UPDATE SKIP LOCKED), so two instances claiming together take different rows instead
 * of one waiting for the other and then finding its rows gone. SQLite claims one at a time.
 */
export function skippingLocked<DB, TB extends keyof DB, O>(
  db: Kysely<Database>,
  query: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return isPostgres(db) ? query.forUpdate().skipLocked() : query;
}

/**
 * Holds, until the transaction ends, a lock on each named page (any text naming it, e.g. site
 * and URL): on PostgreSQL a transaction-scoped advisory lock per page, taken in one order by
 * every caller (the keys' hashes, sorted) so two never wait on each other in a circle. Two
 * instances storing different selections of one mistake at the same moment then compare them
 * one after the other, and group them. SQLite's single writer serialises them already.
 */
export async function lockPages(db: Kysely<Database>, pageKeys: readonly string[]): Promise<void> {
  if (!isPostgres(db) || pageKeys.length === 0) return;
  const keys = [...new Set(pageKeys)];
  await sql`select pg_advisory_xact_lock(h) from (select hashtextextended(k, 0) as h from unnest(${keys}::text[]) as k order by h) as pages`.execute(
    db,
  );
}

/** Whether a database handle (of any schema: migrations see it as it was then) is PostgreSQL's. */
export function isPostgres(db: { getExecutor(): QueryExecutor }): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

import { type Kysely, PostgresAdapter, type SelectQueryBuilder } from 'kysely';
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

function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

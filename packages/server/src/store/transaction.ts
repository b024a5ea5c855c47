import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Runs `work` in a transaction, and on failure throws what failed in it. SQLite rolls a
 * transaction back by itself on some errors (a full disk); Kysely's own rollback then fails
 * with "no transaction is active", which would hide the cause a caller answers by (a 503 that
 * says the disk is full, not a 500).
 */
export async function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  let cause: unknown;
  try {
    return await db.transaction().execute(async (trx) => {
      try {
        return await work(trx);
      } catch (error) {
        cause = error;
        throw error;
      }
    });
  } catch (error) {
    throw cause ?? error;
  }
}

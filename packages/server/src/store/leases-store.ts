import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Takes or renews the lease `name` for `holder` until `expiresAt`, in one statement: it
 * inserts the lease, or takes it over when it has expired or is already ours. Two instances
 * racing both run the same statement; the database lets exactly one of them win (the
 * loser's conflict update matches no row). Means the same on SQLite and PostgreSQL.
 * Returns whether `holder` holds the lease now.
 */
export async function acquireLease(
  db: Kysely<Database>,
  lease: { name: string; holder: string; now: string; expiresAt: string },
): Promise<boolean> {
  const result = await db
    .insertInto('leases')
    .values({ name: lease.name, holder: lease.holder, expires_at: lease.expiresAt })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder: lease.holder, expires_at: lease.expiresAt })
        .where((eb) =>
          eb.or([eb('leases.expires_at', '<=', lease.now), eb('leases.holder', '=', lease.holder)]),
        ),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Gives the lease up early (on shutdown), so another instance need not wait for it to expire. */
export async function releaseLease(db: Kysely<Database>, name: string, holder: string): Promise<void> {
  await db.deleteFrom('leases').where('name', '=', name).where('holder', '=', holder).execute();
}

/** Who holds a lease now, or null (for tests and diagnostics). */
export async function leaseHolder(db: Kysely<Database>, name: string, now: string): Promise<string | null> {
  const row = await db
    .selectFrom('leases')
    .select('holder')
    .where('name', '=', name)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row?.holder ?? null;
}

import type { Kysely } from 'kysely';

// Per-site retention: a site may say how many days the reports of a closed erratum are kept
// after its decision (jobs/retention-sweeper.ts deletes them then); null keeps them until an
// editor deletes them, as before.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sites').addColumn('retention_days', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sites').dropColumn('retention_days').execute();
}

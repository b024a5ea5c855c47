import type { Kysely } from 'kysely';

// Failed sign-ins, counted in the database so that every instance sees the same counts:
// one row per account and client address, and one per account (address '*') for its budget.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sign_in_failures')
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('first_failure_at', 'text', (c) => c.notNull())
    .addColumn('last_failure_at', 'text', (c) => c.notNull())
    .addColumn('alerted_at', 'text')
    .addPrimaryKeyConstraint('sign_in_failures_pk', ['account', 'address'])
    .execute();
  // The sweeper deletes rows nobody has failed on for a day.
  await db.schema
    .createIndex('sign_in_failures_last')
    .on('sign_in_failures')
    .column('last_failure_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sign_in_failures').execute();
}

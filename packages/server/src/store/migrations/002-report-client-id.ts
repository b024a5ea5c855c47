import type { Kysely } from 'kysely';

// A report's client-made id makes retried sends idempotent; `ordinal` (its erratum's report
// count right after it) lets a repeat be answered with the very receipt of the first arrival.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('reports').addColumn('client_id', 'text').execute();
  await db.schema
    .alterTable('reports')
    .addColumn('ordinal', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // NULLs never collide, so reports without a client id (scripts, old widgets) are unaffected.
  await db.schema
    .createIndex('reports_client_id')
    .unique()
    .on('reports')
    .columns(['site_id', 'client_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('reports_client_id').execute();
  await db.schema.alterTable('reports').dropColumn('ordinal').execute();
  await db.schema.alterTable('reports').dropColumn('client_id').execute();
}

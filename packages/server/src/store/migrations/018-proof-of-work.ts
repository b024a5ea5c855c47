import type { Kysely } from 'kysely';

// A site may ask readers' browsers for proof of work with each report (sites.proof_of_work,
// off by default). A solved challenge is accepted once: its challenge hash is kept here until
// the challenge expires, in the database so that every instance refuses the same replay.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('sites')
    .addColumn('proof_of_work', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('proof_of_work_spent')
    .addColumn('challenge', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  // Spent challenges are swept once they have expired.
  await db.schema
    .createIndex('proof_of_work_spent_expires')
    .on('proof_of_work_spent')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('proof_of_work_spent').execute();
  await db.schema.alterTable('sites').dropColumn('proof_of_work').execute();
}

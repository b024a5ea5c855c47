import type { Kysely } from 'kysely';

// A new report is compared with the errata already on its page (same spot, other range):
// this index finds them without scanning the site.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('errata_page').on('errata').columns(['site_id', 'url']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('errata_page').execute();
}

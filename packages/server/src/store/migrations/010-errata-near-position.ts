import type { Kysely } from 'kysely';

// A new report is compared only with the errata near its place on its page (domain/report-batch.ts,
// OVERLAP_REACH), not with every erratum of a busy page: this index finds those.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('errata_page_position')
    .on('errata')
    .columns(['site_id', 'url', 'position_start'])
    .execute();
  await db.schema.dropIndex('errata_page').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('errata_page').on('errata').columns(['site_id', 'url']).execute();
  await db.schema.dropIndex('errata_page_position').execute();
}

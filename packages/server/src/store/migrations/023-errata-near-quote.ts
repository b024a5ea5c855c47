import type { Kysely } from 'kysely';
import { isPostgres } from '../row-locks.ts';

// The look-up of the errata near a new report (store/reports-store.ts, spotsNear) tests each
// candidate's quote: on SQLite the quote now sits in the index beside the position, so a busy
// page's candidates are tested without reading their rows (~50 per report in the bench: 43 µs
// a report before, 8 after). The new index starts as the old one did, which it replaces.
// PostgreSQL keeps the old index: a B-tree entry there must stay under ~2.7 kB, and a long URL
// with a 500-character quote can pass that.
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return;
  await db.schema
    .createIndex('errata_page_quote')
    .on('errata')
    .columns(['site_id', 'url', 'position_start', 'quote_exact'])
    .execute();
  await db.schema.dropIndex('errata_page_position').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return;
  await db.schema
    .createIndex('errata_page_position')
    .on('errata')
    .columns(['site_id', 'url', 'position_start'])
    .execute();
  await db.schema.dropIndex('errata_page_quote').execute();
}

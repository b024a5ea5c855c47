import { type Kysely, sql } from 'kysely';

// The recheck's scheduler finds the pages of fixed errata (store/page-checks-store.ts,
// planChecksOfFixedErrata) every poll. Its index held every erratum under (status, site, url):
// each new erratum, open, wrote a page of it at its site and URL, 0.67 pages a report in the
// ingest bench, a ninth of what grouping wrote. Now it holds only the fixed ones, which a
// report never creates. The daily pass over open and fixed errata's pages
// (planPeriodicChecks) reads them through the page index instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('errata_fixed_pages')
    .on('errata')
    .columns(['site_id', 'url'])
    .where(sql.ref('status'), '=', 'fixed')
    .execute();
  await db.schema.dropIndex('errata_checked_pages').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('errata_checked_pages')
    .on('errata')
    .columns(['status', 'site_id', 'url'])
    .execute();
  await db.schema.dropIndex('errata_fixed_pages').execute();
}

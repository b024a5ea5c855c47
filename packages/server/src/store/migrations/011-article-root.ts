import type { Kysely } from 'kysely';

// Which element of the page a report was measured in (core's ArticleRootRef): the recheck
// reads that element's text, not the page's first <article>. Null for reports made before
// (and by clients that do not say): the site's root selector, else the default, is read.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['reports', 'errata']) {
    await db.schema.alterTable(table).addColumn('root_selector', 'text').execute();
    await db.schema.alterTable(table).addColumn('root_index', 'integer').execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['reports', 'errata']) {
    await db.schema.alterTable(table).dropColumn('root_index').execute();
    await db.schema.alterTable(table).dropColumn('root_selector').execute();
  }
}

import { type Kysely, sql } from 'kysely';

// The recheck: what the last look at the live page found for each erratum, the per-site
// switches (a local site may be fetched on private addresses; a public corrections log),
// and one row per page to check, with its conditional-GET validators and retry schedule.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('errata')
    .addColumn('check_state', 'text', (c) => c.notNull().defaultTo('unchecked'))
    .execute();
  await db.schema.alterTable('errata').addColumn('check_reason', 'text').execute();
  await db.schema.alterTable('errata').addColumn('checked_at', 'text').execute();
  await db.schema.alterTable('errata').addColumn('replaced_by', 'text').execute();
  await db.schema.alterTable('errata').addColumn('verified_at', 'text').execute();
  await db.schema.alterTable('errata').addColumn('public_note', 'text').execute();
  // The scheduler looks for pages with fixed (or open) errata across all sites every poll:
  // a range of this index instead of a scan of every erratum. Ingest never changes these columns.
  await db.schema
    .createIndex('errata_checked_pages')
    .on('errata')
    .columns(['status', 'site_id', 'url'])
    .execute();
  // The corrections log lists a site's verified errata, newest first.
  await db.schema
    .createIndex('errata_verified')
    .on('errata')
    .columns(['site_id', 'status', 'verified_at'])
    .execute();

  await db.schema
    .alterTable('sites')
    .addColumn('is_local', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('sites')
    .addColumn('public_log', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // The demo newsroom is served by Errata itself, on whatever address it runs: always local.
  await sql`update sites set is_local = 1 where id = 'demo'`.execute(db);

  await db.schema
    .createTable('page_checks')
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_check_at', 'text')
    .addColumn('checked_at', 'text')
    .addPrimaryKeyConstraint('page_checks_pk', ['site_id', 'url'])
    .execute();
  await db.schema.createIndex('page_checks_due').on('page_checks').column('next_check_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('page_checks').execute();
  await db.schema.dropIndex('errata_verified').execute();
  await db.schema.dropIndex('errata_checked_pages').execute();
  for (const column of [
    'check_state',
    'check_reason',
    'checked_at',
    'replaced_by',
    'verified_at',
    'public_note',
  ]) {
    await db.schema.alterTable('errata').dropColumn(column).execute();
  }
  await db.schema.alterTable('sites').dropColumn('is_local').execute();
  await db.schema.alterTable('sites').dropColumn('public_log').execute();
}

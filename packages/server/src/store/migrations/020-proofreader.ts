import { type Kysely, sql } from 'kysely';

// The proofreader (issue 13): errata it proposes carry its finding (and, for the same mistake
// found on another page, the fixed erratum it came from); the placeholder source 'checker'
// becomes 'proofreader'. Pages wait for it in proofread_jobs (durable, leased, retried); the
// words a site never wants flagged are site_words; the capitalised names seen on its pages are
// counted in learned_names, once per page read (proofread_pages).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('errata').addColumn('finding', 'text').execute();
  await db.schema.alterTable('errata').addColumn('proposed_from', 'text').execute();
  await sql`update errata set source = 'proofreader' where source = 'checker'`.execute(db);
  await db.schema
    .alterTable('sites')
    .addColumn('proofread_on_first_report', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('proofread_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text')
    .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('run_after', 'text', (c) => c.notNull())
    .addColumn('leased_until', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('last_error', 'text')
    .addColumn('result', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  // A page is proofread once on its first report however many reports race for it.
  await db.schema
    .createIndex('proofread_jobs_dedupe')
    .on('proofread_jobs')
    .columns(['site_id', 'dedupe_key'])
    .unique()
    .execute();
  await db.schema
    .createIndex('proofread_jobs_due')
    .on('proofread_jobs')
    .columns(['state', 'run_after'])
    .execute();
  // The hourly limit of "Proofread page" counts a site's recent runs.
  await db.schema
    .createIndex('proofread_jobs_recent')
    .on('proofread_jobs')
    .columns(['site_id', 'trigger', 'created_at'])
    .execute();

  await db.schema
    .createTable('site_words')
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('word', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('site_words_pk', ['site_id', 'word'])
    .execute();

  await db.schema
    .createTable('learned_names')
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('word', 'text', (c) => c.notNull())
    .addColumn('pages', 'integer', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('learned_names_pk', ['site_id', 'word'])
    .execute();
  await db.schema
    .createIndex('learned_names_by_pages')
    .on('learned_names')
    .columns(['site_id', 'pages'])
    .execute();

  await db.schema
    .createTable('proofread_pages')
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('proofread_pages_pk', ['site_id', 'url'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('proofread_pages').execute();
  await db.schema.dropTable('learned_names').execute();
  await db.schema.dropTable('site_words').execute();
  await db.schema.dropTable('proofread_jobs').execute();
  await db.schema.alterTable('sites').dropColumn('proofread_on_first_report').execute();
  await sql`update errata set source = 'checker' where source = 'proofreader'`.execute(db);
  await db.schema.alterTable('errata').dropColumn('proposed_from').execute();
  await db.schema.alterTable('errata').dropColumn('finding').execute();
}

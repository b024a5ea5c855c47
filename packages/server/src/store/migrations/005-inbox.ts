import { type Kysely, sql } from 'kysely';
import { backfillErrata } from './errata-backfill.ts';

// The editorial inbox: report kinds routed to desks, assignees, the stored priority
// (ln(reports) + t/τ, core's priorityOf) and the normalised text full-text search reads,
// with an index per order of the inbox so the first page never sorts a whole site.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('reports')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('typo'))
    .execute();

  const errata = () => db.schema.alterTable('errata');
  await errata()
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('typo'))
    .execute();
  await errata().addColumn('desk', 'text').execute();
  await errata()
    .addColumn('assignee_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await errata()
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('reader'))
    .execute();
  // double precision: a real (float4) cannot tell hours apart at today's t/τ ≈ 20,000.
  await errata()
    .addColumn('priority', 'double precision', (c) => c.notNull().defaultTo(0))
    .execute();
  await errata()
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  // The quote's context when an editor rejected it (or called it spam): a later report
  // whose context differs there tells that the page text changed, and reopens it.
  await errata().addColumn('decided_prefix', 'text').execute();
  await errata().addColumn('decided_suffix', 'text').execute();

  await db.schema.alterTable('sites').addColumn('desks', 'text').execute();
  await db.schema.alterTable('sites').addColumn('cms_link_template', 'text').execute();
  await db.schema.alterTable('sites').addColumn('default_lang', 'text').execute();

  await backfillErrata(db, { priority: true });

  // One index per order of the inbox (newest activity already has errata_inbox); the site and
  // status lead, the id breaks ties for the cursor.
  for (const [name, column] of [
    ['errata_inbox_priority', 'priority'],
    ['errata_inbox_first', 'first_reported_at'],
    ['errata_inbox_reports', 'report_count'],
  ] as const) {
    await db.schema.createIndex(name).on('errata').columns(['site_id', 'status', column, 'id']).execute();
  }
  // The inbox without a status filter ("all"), in its default order.
  await db.schema
    .createIndex('errata_site_priority')
    .on('errata')
    .columns(['site_id', 'priority', 'id'])
    .execute();
  // … and newest first (the other orders sort a site's rows: measured under 20 ms at 15,000).
  await db.schema
    .createIndex('errata_site_newest')
    .on('errata')
    .columns(['site_id', 'last_reported_at', 'id'])
    .execute();
  // A listed erratum's suggestions are counted from this index alone, and its newest
  // comments read from the other: a spot with thousands of reports stays cheap to list.
  await db.schema
    .createIndex('reports_suggestions')
    .on('reports')
    .columns(['erratum_id', 'suggestion_key', 'created_at'])
    .where(sql.ref('suggestion_key'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('reports_comments')
    .on('reports')
    .columns(['erratum_id', 'created_at'])
    .where(sql.ref('comment'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of [
    'reports_comments',
    'reports_suggestions',
    'errata_site_newest',
    'errata_site_priority',
    'errata_inbox_reports',
    'errata_inbox_first',
    'errata_inbox_priority',
  ]) {
    await db.schema.dropIndex(index).execute();
  }
  for (const column of ['default_lang', 'cms_link_template', 'desks']) {
    await db.schema.alterTable('sites').dropColumn(column).execute();
  }
  for (const column of [
    'decided_suffix',
    'decided_prefix',
    'search_text',
    'priority',
    'source',
    'assignee_id',
    'desk',
    'kind',
  ]) {
    await db.schema.alterTable('errata').dropColumn(column).execute();
  }
  await db.schema.alterTable('reports').dropColumn('kind').execute();
}

import type { Kysely } from 'kysely';

// E-mail: each editor's choice per site, the digests already sent (one per editor, site and
// day), a generic lease so only one server instance runs a scheduled job, readers' addresses
// kept for a single thank-you, and the per-site switch that allows readers to leave one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('email_preferences')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('mode', 'text', (c) => c.notNull().defaultTo('off'))
    .addColumn('instant_from', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('unsubscribe_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('email_preferences_pk', ['user_id', 'site_id'])
    .execute();
  await db.schema
    .createIndex('email_preferences_site')
    .on('email_preferences')
    .columns(['site_id', 'mode'])
    .execute();

  await db.schema
    .createTable('digest_runs')
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('digest_runs_pk', ['user_id', 'site_id', 'day'])
    .execute();

  await db.schema
    .createTable('leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('reader_contacts')
    .addColumn('report_id', 'text', (c) => c.primaryKey().references('reports.id').onDelete('cascade'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('thanked_at', 'text')
    .execute();
  await db.schema.createIndex('reader_contacts_expires').on('reader_contacts').column('expires_at').execute();

  await db.schema
    .alterTable('sites')
    .addColumn('reader_email', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sites').dropColumn('reader_email').execute();
  await db.schema.dropTable('reader_contacts').execute();
  await db.schema.dropTable('leases').execute();
  await db.schema.dropTable('digest_runs').execute();
  await db.schema.dropTable('email_preferences').execute();
}

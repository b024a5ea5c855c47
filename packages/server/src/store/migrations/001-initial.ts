import type { Kysely } from 'kysely';

// Migrations use only types and statements that mean the same in SQLite and PostgreSQL.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull().unique())
    .addColumn('allowed_origins', 'text', (c) => c.notNull())
    .addColumn('root_selector', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('members')
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('members_pk', ['site_id', 'user_id'])
    .execute();
  await db.schema.createIndex('members_user').on('members').column('user_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .execute();

  await db.schema
    .createTable('setup_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('errata')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('lang', 'text')
    .addColumn('quote_exact', 'text', (c) => c.notNull())
    .addColumn('quote_prefix', 'text', (c) => c.notNull())
    .addColumn('quote_suffix', 'text', (c) => c.notNull())
    .addColumn('position_start', 'integer', (c) => c.notNull())
    .addColumn('position_end', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('report_count', 'integer', (c) => c.notNull())
    .addColumn('first_reported_at', 'text', (c) => c.notNull())
    .addColumn('last_reported_at', 'text', (c) => c.notNull())
    .addColumn('status_changed_at', 'text')
    .addColumn('status_changed_by', 'text')
    .addUniqueConstraint('errata_spot', ['site_id', 'fingerprint'])
    .execute();
  // The inbox: one site's errata of one status, newest activity first, id as tie-breaker for cursors.
  await db.schema
    .createIndex('errata_inbox')
    .on('errata')
    .columns(['site_id', 'status', 'last_reported_at', 'id'])
    .execute();

  await db.schema
    .createTable('reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('erratum_id', 'text', (c) => c.notNull().references('errata.id').onDelete('cascade'))
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('lang', 'text')
    .addColumn('quote_exact', 'text', (c) => c.notNull())
    .addColumn('quote_prefix', 'text', (c) => c.notNull())
    .addColumn('quote_suffix', 'text', (c) => c.notNull())
    .addColumn('position_start', 'integer', (c) => c.notNull())
    .addColumn('position_end', 'integer', (c) => c.notNull())
    .addColumn('suggestion', 'text')
    .addColumn('suggestion_key', 'text')
    .addColumn('comment', 'text')
    .addColumn('ip_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('reports_erratum')
    .on('reports')
    .columns(['erratum_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('erratum_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('erratum_id', 'text', (c) => c.notNull().references('errata.id').onDelete('cascade'))
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('erratum_events_erratum').on('erratum_events').column('erratum_id').execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'settings',
    'erratum_events',
    'reports',
    'errata',
    'setup_tokens',
    'api_tokens',
    'sessions',
    'members',
    'users',
    'sites',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

import type { CompiledQuery, Kysely } from 'kysely';

// Ingest in two steps (issue 12): a report is acknowledged once its row is durable here, and
// grouped into its erratum right after, in the same process, by a transaction that moves it
// from report_intake to reports. Rows left by a stop or an outage are grouped on the next start.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of intakeTableStatements(db)) await db.executeQuery(statement);
}

/**
 * The statements that make the table and its index, compiled for `db`'s database: a SQLite
 * intake file apart (store/intake-file.ts) runs them itself when it opens.
 */
export function intakeTableStatements(db: Kysely<unknown>): CompiledQuery[] {
  const table = db.schema
    .createTable('report_intake')
    // The report's id: time-ordered, so rows are grouped in the order they arrived.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text')
    // JSON of the report as validated (domain/report-batch.ts's ReportToStore).
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // Times grouping this row alone failed; past a few it is set aside for an operator, never dropped.
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text');
  // A retried send finds its first arrival while that is still waiting here.
  const clientIds = db.schema
    .createIndex('report_intake_client_id')
    .unique()
    .on('report_intake')
    .columns(['site_id', 'client_id']);
  return [table.compile(), clientIds.compile()];
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('report_intake').execute();
}

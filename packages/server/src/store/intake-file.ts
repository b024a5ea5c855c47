import { Kysely } from 'kysely';
import { intakeTableStatements } from './migrations/022-report-intake.ts';
import type { Database } from './schema.ts';
import { PreparedSqliteDialect } from './sqlite-driver.ts';
import { openSqliteFile } from './sqlite-file.ts';

/** The name the intake's connection reads the database under (attached): reports already grouped. */
export const DATABASE_IN_INTAKE = 'errata';

/**
 * Each intake connection's page cache, for the file and the database attached (negative: KiB;
 * SQLite's default is 2 MB each). The intake holds only what waits, and a resend's look-up
 * reads a few pages of an index: with four caches of 512 KB the server's peak under a flood
 * was ~5 MB lower.
 */
const INTAKE_CACHE_KB = -512;

/** The file a SQLite database keeps its intake in when apart: beside it, named after it. */
export function intakeFileOf(databaseFile: string): string {
  return `${databaseFile}-intake`;
}

/**
 * Opens (creating if needed) the file that holds a SQLite database's intake apart from it:
 * the same `report_intake` table, made by the migration that made it in the database. The
 * intake thread is its one writer (domain/intake-thread.ts), so acknowledging reports never
 * waits for the lock of the database, which a grouping thread holds for most of a flood
 * (domain/grouping-thread.ts).
 * With `databaseFile`, that database is attached as DATABASE_IN_INTAKE, read only, so that
 * acknowledging finds a retried send's first arrival without the database's connection.
 */
export function openIntakeFile(file: string, databaseFile?: string): Kysely<Database> {
  const sqlite = openSqliteFile(file);
  const exists = sqlite
    .prepare("select 1 from sqlite_master where type = 'table' and name = 'report_intake'")
    .get();
  if (databaseFile) sqlite.prepare(`attach database ? as ${DATABASE_IN_INTAKE}`).run(databaseFile);
  sqlite.pragma(`cache_size = ${INTAKE_CACHE_KB}`);
  if (databaseFile) sqlite.pragma(`${DATABASE_IN_INTAKE}.cache_size = ${INTAKE_CACHE_KB}`);
  // Deferred: an immediate transaction would lock the attached database too.
  const db = new Kysely<Database>({
    dialect: new PreparedSqliteDialect({ database: sqlite, beginImmediately: false }),
  });
  // Made before the file is handed out: nothing can query it, or close it, before the table is there.
  if (!exists) {
    for (const statement of intakeTableStatements(db as Kysely<unknown>)) sqlite.exec(statement.sql);
  }
  return db;
}

import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { ErrataError } from '../domain/errors.ts';
import { parseDatabaseUrl } from '../store/database-url.ts';
import { intakeFileOf } from '../store/intake-file.ts';

/** What the PostgreSQL way is, for an operator who asked errata to back one up. */
const POSTGRES_WAY =
  'on PostgreSQL, use its own tools: pg_dump --format=custom --file=errata.dump "$ERRATA_DATABASE_URL" while serving, and pg_restore --clean --if-exists --dbname="$ERRATA_DATABASE_URL" errata.dump with every instance stopped (README: Backups)';

/** How long a restore waits for the database's lock before it calls the database live. */
const LIVE_CHECK_TIMEOUT_MS = 200;

/** Counts a backup is checked by and reports. */
export interface BackupSummary {
  file: string;
  bytes: number;
  errata: number;
  reports: number;
  /** Reports acknowledged and not yet grouped, kept in the backup's intake (grouped once restored). */
  waiting: number;
}

/**
 * Copies the live SQLite database to `file`, consistent while the server writes: VACUUM INTO
 * reads one snapshot in one read transaction (WAL lets the server commit meanwhile, and its
 * commits are simply not in the copy), writes a compact file, and the copy is then checked
 * (integrity_check) before it is named `file`. An existing file is never overwritten.
 * Reports the server acknowledged and has not grouped wait in its intake file: read before
 * the snapshot, those not grouped in it are added to the copy's intake, so every report
 * acknowledged before the backup began is in it, once.
 */
export function backupSqlite(databaseUrl: string, file: string): BackupSummary {
  const source = sqliteFileOf(databaseUrl);
  const target = resolve(file);
  if (!existsSync(source)) throw new ErrataError('not_found', `no database at ${source} to back up`);
  if (existsSync(target)) {
    throw new ErrataError(
      'conflict',
      `${target} exists: choose a new file name (a backup never overwrites one)`,
    );
  }
  const partial = join(dirname(target), `.${basename(target)}.partial`);
  rmSync(partial, { force: true });
  const waiting = intakeRowsOf(intakeFileOf(source));
  const db = new SqliteDatabase(source, { readonly: true, fileMustExist: true, timeout: 5_000 });
  try {
    db.prepare('VACUUM INTO ?').run(partial);
    addToIntake(partial, waiting);
  } catch (error) {
    rmSync(partial, { force: true });
    throw new ErrataError('unavailable', `cannot write the backup ${target}: ${(error as Error).message}`);
  } finally {
    db.close();
  }
  try {
    const summary = checkedDatabase(partial);
    renameSync(partial, target);
    return { ...summary, file: target };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/**
 * Puts a backup in place of the database. Refuses while a server has the database open (it
 * holds the file's lock), and refuses to replace an existing database unless `force`; the
 * database it replaces is kept beside it, renamed, so a mistaken restore loses nothing.
 */
export function restoreSqlite(
  databaseUrl: string,
  file: string,
  options: { force: boolean; now?: Date },
): BackupSummary & { keptAs: string | null } {
  const target = sqliteFileOf(databaseUrl);
  const backup = resolve(file);
  if (!existsSync(backup)) throw new ErrataError('not_found', `no backup at ${backup}`);
  const summary = checkedDatabase(backup);
  let keptAs: string | null = null;
  if (existsSync(target)) {
    if (isInUse(target)) {
      throw new ErrataError(
        'conflict',
        `the database ${target} is in use by a running Errata: stop it, then restore (nothing was changed)`,
      );
    }
    if (!options.force) {
      throw new ErrataError(
        'conflict',
        `${target} exists: add --force to replace it (it is kept beside it, renamed), nothing was changed`,
      );
    }
    const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
    keptAs = `${target}.before-restore-${stamp}`;
    renameSync(target, keptAs);
    // The replaced database's write-ahead log and intake belong to it, not to the backup.
    for (const suffix of ['-wal', '-shm', '-intake', '-intake-wal', '-intake-shm']) {
      if (existsSync(`${target}${suffix}`)) renameSync(`${target}${suffix}`, `${keptAs}${suffix}`);
    }
  }
  // A new machine's data folder may not exist yet.
  mkdirSync(dirname(target), { recursive: true });
  const partial = join(dirname(target), `.${basename(target)}.restoring`);
  rmSync(partial, { force: true });
  const db = new SqliteDatabase(backup, { readonly: true, fileMustExist: true });
  try {
    db.prepare('VACUUM INTO ?').run(partial);
  } finally {
    db.close();
  }
  renameSync(partial, target);
  return { ...summary, file: target, keptAs };
}

/** The SQLite file a database URL names; PostgreSQL has its own tools, which the message names. */
function sqliteFileOf(databaseUrl: string): string {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.kind === 'postgres') throw new ErrataError('invalid', POSTGRES_WAY);
  if (target.file === ':memory:')
    throw new ErrataError('invalid', 'an in-memory database has nothing to back up');
  return target.file;
}

/** Opens a database file, checks it is whole and an Errata database, and counts what it holds. */
function checkedDatabase(file: string): Omit<BackupSummary, 'file'> {
  let db: SqliteDatabase.Database;
  try {
    db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new ErrataError('invalid', `${file} cannot be opened as a database: ${(error as Error).message}`);
  }
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new ErrataError('invalid', `${file} is damaged: ${String(integrity)}`);
    const tables = new Set(
      db
        .prepare("select name from sqlite_master where type = 'table'")
        .all()
        .map((row) => (row as { name: string }).name),
    );
    if (!tables.has('errata') || !tables.has('reports')) {
      throw new ErrataError(
        'invalid',
        `${file} is not an Errata database (it has no errata or reports table)`,
      );
    }
    const count = (table: string) =>
      Number((db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n);
    return {
      bytes: statSync(file).size,
      errata: count('errata'),
      reports: count('reports'),
      waiting: tables.has('report_intake') ? count('report_intake') : 0,
    };
  } catch (error) {
    if (error instanceof ErrataError) throw error;
    throw new ErrataError('invalid', `${file} is not a readable database: ${(error as Error).message}`);
  } finally {
    db.close();
  }
}

/** The rows of a server's intake file (none when it has none). */
function intakeRowsOf(file: string): Record<string, unknown>[] {
  if (!existsSync(file)) return [];
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true, timeout: 5_000 });
  try {
    return db.prepare('select * from report_intake').all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

/** Adds intake rows to a copy's intake, but those whose report the copy holds grouped. */
function addToIntake(file: string, rows: readonly Record<string, unknown>[]): void {
  if (rows.length === 0) return;
  const db = new SqliteDatabase(file, { fileMustExist: true });
  try {
    const insert = db.prepare(
      `insert or ignore into report_intake (id, site_id, client_id, payload, created_at, attempts, last_error)
       select @id, @site_id, @client_id, @payload, @created_at, @attempts, @last_error
       where not exists (select 1 from reports where id = @id)`,
    );
    db.transaction(() => {
      for (const row of rows) insert.run(row);
    })();
  } finally {
    db.close();
  }
}

/** Whether another connection (a running server) has the database open: it then holds a lock exclusive access waits for. */
function isInUse(file: string): boolean {
  const db = new SqliteDatabase(file, { fileMustExist: true, timeout: LIVE_CHECK_TIMEOUT_MS });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('ROLLBACK');
    return false;
  } catch {
    return true;
  } finally {
    db.close();
  }
}

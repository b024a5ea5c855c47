import { accessSync, constants, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { DatabaseHealth } from './database-failure.ts';
import { type DatabaseTarget, parseDatabaseUrl } from './database-url.ts';
import { intakeFileOf, openIntakeFile } from './intake-file.ts';
import type { Database } from './schema.ts';
import { PreparedSqliteDialect } from './sqlite-driver.ts';
import { openSqliteFile } from './sqlite-file.ts';

/** An open database: the Kysely handle every query goes through, and what it runs on. */
export interface Store {
  db: Kysely<Database>;
  kind: DatabaseTarget['kind'];
  /** What is wrong with the database as this instance last met it (database-failure.ts). */
  health: DatabaseHealth;
  /**
   * Where acknowledged reports wait to be grouped (report-intake-store.ts): `db` itself, or
   * for SQLite opened with `intakeApart` a file of its own beside the database.
   */
  intake: Kysely<Database>;
  /** SQLite: the database file (a grouping thread opens its own connection to it). */
  sqliteFile?: string;
  close(): Promise<void>;
}

/** A SQLite store's two files, as a thread of its own opens them (the grouping and intake threads). */
export interface FilesApart {
  databaseFile: string;
  intakeFile: string;
}

/** The files of a SQLite store opened on disk with its intake apart; throws, naming `needer`, for any other store. */
export function filesApart(store: Store, needer: string): FilesApart {
  if (!store.sqliteFile || store.intake === store.db) {
    throw new Error(`${needer} needs a SQLite file opened with its intake apart`);
  }
  return { databaseFile: store.sqliteFile, intakeFile: intakeFileOf(store.sqliteFile) };
}

/** How a store is opened beyond its URL. */
export interface StoreOptions {
  /** Most connections to PostgreSQL at once (ERRATA_DATABASE_POOL); SQLite has one. */
  poolSize?: number;
  /**
   * SQLite: keep the intake in a file of its own (intake-file.ts), so that acknowledging
   * reports never waits for the lock of the database that a grouping thread writes; that thread
   * also copies both logs into their files (domain/grouping-worker.ts). For the server; short
   * commands and tests keep the intake in the database.
   */
  intakeApart?: boolean;
}

/** Most PostgreSQL connections one instance holds when nothing else is said. */
export const DEFAULT_POOL_SIZE = 10;

/**
 * Opens the database named by a URL: a SQLite file (created if needed) or a PostgreSQL
 * database (which must exist; connections are made as queries need them). Errors are one
 * line a person can act on.
 */
export function openStore(databaseUrl: string, options: StoreOptions = {}): Store {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.kind === 'postgres') return openPostgres(target.url, options.poolSize ?? DEFAULT_POOL_SIZE);
  return openSqlite(target.file, options);
}

// COUNT(*) and other bigints arrive as strings by default; errata counts fit a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

function openPostgres(url: string, poolSize: number): Store {
  // An unreachable server fails a query (and /readyz) in seconds, not after TCP's own timeout.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5_000 });
  // An idle connection's error (the server restarted) must not crash the process: the pool drops it.
  pool.on('error', () => {});
  // Nor may a connection lost while checked out between two statements (inside a transaction):
  // its next query fails (a 503 for the request), the pool drops it on release.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, intake: db, kind: 'postgres', health: new DatabaseHealth(), close: once(() => db.destroy()) };
}

function openSqlite(file: string, options: StoreOptions): Store {
  const onDisk = file !== ':memory:';
  if (onDisk) ensureWritableDirectory(dirname(file));
  const db = new Kysely<Database>({ dialect: new PreparedSqliteDialect({ database: openSqliteFile(file) }) });
  const intake = options.intakeApart && onDisk ? openIntakeFile(intakeFileOf(file), file) : null;
  return {
    db,
    intake: intake ?? db,
    kind: 'sqlite',
    ...(onDisk ? { sqliteFile: file } : {}),
    health: new DatabaseHealth(),
    close: once(async () => {
      await intake?.destroy();
      await db.destroy();
    }),
  };
}

/** Closing twice (a test's own close, then its cleanup) waits for the first close. */
function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= close();
    return closing;
  };
}

function ensureWritableDirectory(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new Error(
      `the data directory ${dir} is not writable (${code}): set ERRATA_DATA_DIR to a writable folder`,
    );
  }
}

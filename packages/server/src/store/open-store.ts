import { accessSync, constants, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { DatabaseHealth } from './database-failure.ts';
import { type DatabaseTarget, parseDatabaseUrl } from './database-url.ts';
import type { Database } from './schema.ts';
import {
  type CheckpointCounts,
  type SqliteCheckpointer,
  startSqliteCheckpointer,
} from './sqlite-checkpointer.ts';
import { PreparedSqliteDialect } from './sqlite-driver.ts';

/** An open database: the Kysely handle every query goes through, and what it runs on. */
export interface Store {
  db: Kysely<Database>;
  kind: DatabaseTarget['kind'];
  /** What is wrong with the database as this instance last met it (database-failure.ts). */
  health: DatabaseHealth;
  /** SQLite opened with `checkpointInBackground`: what its checkpointing thread did so far. */
  backgroundCheckpoints?(): CheckpointCounts;
  close(): Promise<void>;
}

/** How a store is opened beyond its URL. */
export interface StoreOptions {
  /** Most connections to PostgreSQL at once (ERRATA_DATABASE_POOL); SQLite has one. */
  poolSize?: number;
  /**
   * SQLite: copy the log into the database in a thread of its own (sqlite-checkpointer.ts),
   * so that no commit of the serving thread has to do it at length. For the server; short
   * commands and tests leave it off.
   */
  checkpointInBackground?: boolean;
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
  return openSqlite(target.file, options.checkpointInBackground ?? false);
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
  return { db, kind: 'postgres', health: new DatabaseHealth(), close: once(() => db.destroy()) };
}

/** Pages (4 KiB each) written to the log between two checkpoints: ~32 MB. */
const WAL_CHECKPOINT_PAGES = 8_000;
/** The log file's size kept after a checkpoint: one interval's worth, reused rather than regrown. */
const WAL_FILE_MAX_BYTES = 40_000_000;

function openSqlite(file: string, checkpointInBackground: boolean): Store {
  if (file !== ':memory:') ensureWritableDirectory(dirname(file));
  let sqlite: SqliteDatabase.Database;
  try {
    sqlite = new SqliteDatabase(file);
  } catch (error) {
    throw new Error(`cannot open the database ${file}: ${(error as Error).message}`);
  }
  // WAL lets readers run during a write; synchronous=FULL makes every commit durable on
  // power loss, which group commit (report-ingest.ts) makes affordable: once batched, a prototype
  // measured synchronous=FULL at about the throughput of NORMAL.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  // The log is copied into the database every WAL_CHECKPOINT_PAGES pages, not SQLite's 1,000: a
  // page rewritten by many commits in between (an index's busy end) is copied once. Under a
  // flood of reports this cut the time spent committing by a third (bench/README.md). After
  // a checkpoint the log file is cut back to WAL_FILE_MAX_BYTES. With `checkpointInBackground`
  // another thread copies the log meanwhile, and this is what is left when it falls behind.
  sqlite.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
  sqlite.pragma(`journal_size_limit = ${WAL_FILE_MAX_BYTES}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new PreparedSqliteDialect({ database: sqlite }) });
  const checkpointer: SqliteCheckpointer | null =
    checkpointInBackground && file !== ':memory:' ? startSqliteCheckpointer(file) : null;
  return {
    db,
    kind: 'sqlite',
    health: new DatabaseHealth(),
    ...(checkpointer ? { backgroundCheckpoints: () => checkpointer.counts() } : {}),
    // The thread's connection first: closing last, the serving one copies what is left and removes the log.
    close: once(async () => {
      await checkpointer?.close();
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

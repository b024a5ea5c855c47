import { accessSync, constants, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { type DatabaseTarget, parseDatabaseUrl } from './database-url.ts';
import type { Database } from './schema.ts';

/** An open database: the Kysely handle every query goes through, and what it runs on. */
export interface Store {
  db: Kysely<Database>;
  kind: DatabaseTarget['kind'];
  close(): Promise<void>;
}

/** Opens (creating if needed) the database named by a URL. Errors are one line a person can act on. */
export function openStore(databaseUrl: string): Store {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.kind === 'postgres') {
    throw new Error('PostgreSQL is not supported yet in this version: use a sqlite: URL');
  }
  return openSqlite(target.file);
}

function openSqlite(file: string): Store {
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
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, kind: 'sqlite', close: () => db.destroy() };
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

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { underCi } from './under-ci.ts';

/** Where the PostgreSQL test databases are made (ERRATA_TEST_POSTGRES_URL names the server's admin database). */
const POSTGRES_ADMIN_URL =
  process.env.ERRATA_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Which database the server's tests run on: ERRATA_TEST_DATABASE=postgres, else SQLite. */
export type TestDatabaseKind = 'sqlite' | 'postgres';

export function testDatabaseKind(): TestDatabaseKind {
  return process.env.ERRATA_TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
}

/** A fresh, empty database for one test: its URL, and how to throw it away. */
export interface TestDatabase {
  url: string;
  kind: TestDatabaseKind;
  /** The SQLite file's folder, for tests that put other files beside it; a scratch folder on PostgreSQL. */
  dir: string;
  drop(): Promise<void>;
}

/**
 * A fresh database: a SQLite file in a new folder, or a new PostgreSQL database on the test
 * server (created from template0, dropped after). PostgreSQL that cannot be reached is an error
 * with the address tried, never a silent fallback to SQLite.
 */
export async function createTestDatabase(kind: TestDatabaseKind = testDatabaseKind()): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'errata-test-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  if (kind === 'sqlite') {
    return { url: `sqlite:${join(dir, 'errata.db')}`, kind, dir, drop: async () => removeDir() };
  }
  const name = `errata_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await onAdmin(`create database ${name} template template0 encoding 'UTF8'`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    kind,
    dir,
    drop: async () => {
      removeDir();
      await onAdmin(`drop database if exists ${name} with (force)`);
    },
  };
}

/**
 * A PostgreSQL database of the test server by name, for the bench, which keeps a seeded
 * database to measure it again: made (from template0) unless it exists, and whether it did.
 */
export async function namedPostgresDatabase(
  name: string,
): Promise<{ url: string; existed: boolean; drop(): Promise<void> }> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`"${name}" is not a plain database name`);
  const existed = await onAdmin(`select 1 from pg_database where datname = '${name}'`);
  if (!existed) await onAdmin(`create database ${name} template template0 encoding 'UTF8'`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    existed,
    drop: async () => {
      await onAdmin(`drop database if exists ${name} with (force)`);
    },
  };
}

/** What a PostgreSQL figure depends on beyond the code: the server's vacuuming and buffer cache, and the dead rows a run left. */
export interface PostgresHousekeeping {
  /** `on` or `off`: whether the server removes dead rows by itself (CI's server has it off). */
  autovacuum: string;
  sharedBuffers: string;
  /** Each table's dead row versions, by PostgreSQL's statistics (an estimate). */
  tables: { table: string; dead: number }[];
}

/** Reads, on the database at `url`, the settings and the dead rows of `tables`. */
export async function postgresHousekeeping(
  url: string,
  tables: readonly string[],
): Promise<PostgresHousekeeping> {
  return onConnection(url, async (client) => {
    const setting = async (name: string) => (await client.query(`show ${name}`)).rows[0]?.[name] as string;
    const { rows } = await client.query<{ table: string; dead: string }>(
      'select relname as table, n_dead_tup as dead from pg_stat_user_tables where relname = any($1)',
      [tables],
    );
    const byName = new Map(rows.map((r) => [r.table, r]));
    return {
      autovacuum: await setting('autovacuum'),
      sharedBuffers: await setting('shared_buffers'),
      tables: tables.map((table) => ({ table, dead: Number(byName.get(table)?.dead ?? 0) })),
    };
  });
}

/**
 * Runs ANALYZE on the database at `url`, as PostgreSQL's autovacuum would have by then on a
 * growing database (CI's server runs without it). Without it a table's statistics stay those
 * of its first, empty moments, and plans a connection keeps (a foreign key's check) go on
 * scanning the whole table as it grows: the bench's grouping then took 0.3 s a batch in the
 * check of `reports.erratum_id` alone (bench/README.md). ANALYZE makes the kept plans anew.
 */
export async function analyzePostgres(url: string): Promise<void> {
  await onConnection(url, (client) => client.query('analyze'));
}

/** Runs `use` on a connection of its own to the database at `url`, closed after. */
async function onConnection<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Runs a statement on the server's admin database; whether it returned rows. */
async function onAdmin(statement: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL for the tests is not reachable at ${POSTGRES_ADMIN_URL} (${(error as Error).message}): start it or set ERRATA_TEST_POSTGRES_URL`,
    );
  }
  try {
    return ((await client.query(statement)).rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

/**
 * Whether the server's tests can also run on PostgreSQL here: null when they can, else why
 * not. Under CI=true an unreachable server is an error, never a reason to skip.
 */
export async function postgresUnavailable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    const reason = `PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL} (${(error as Error).message})`;
    if (underCi()) throw new Error(`${reason}: CI runs the server's tests on it too`);
    return reason;
  } finally {
    await client.end().catch(() => {});
  }
}

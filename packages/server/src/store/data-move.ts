import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Every table with the columns that name a row, in an order where each table comes after
 * those it refers to (PostgreSQL checks foreign keys as rows arrive). data-move.test.ts
 * fails when a migration adds a table this list does not name.
 */
export const TABLES: readonly { name: keyof Database; key: readonly string[] }[] = [
  { name: 'sites', key: ['id'] },
  { name: 'users', key: ['id'] },
  { name: 'members', key: ['site_id', 'user_id'] },
  { name: 'sessions', key: ['id'] },
  { name: 'api_tokens', key: ['id'] },
  { name: 'setup_tokens', key: ['token_hash'] },
  { name: 'settings', key: ['key'] },
  { name: 'leases', key: ['name'] },
  { name: 'sign_in_failures', key: ['account', 'address'] },
  { name: 'proof_of_work_spent', key: ['challenge'] },
  { name: 'invitations', key: ['id'] },
  { name: 'webhooks', key: ['id'] },
  { name: 'email_preferences', key: ['user_id', 'site_id'] },
  { name: 'digest_runs', key: ['user_id', 'site_id', 'day'] },
  { name: 'errata', key: ['id'] },
  { name: 'reports', key: ['id'] },
  { name: 'reader_contacts', key: ['report_id'] },
  { name: 'erratum_events', key: ['id'] },
  { name: 'outbox_events', key: ['id'] },
  { name: 'deliveries', key: ['id'] },
  { name: 'page_checks', key: ['site_id', 'url'] },
  { name: 'proofread_jobs', key: ['id'] },
  { name: 'site_words', key: ['site_id', 'word'] },
  { name: 'learned_names', key: ['site_id', 'word'] },
  { name: 'proofread_pages', key: ['site_id', 'url'] },
  { name: 'report_intake', key: ['id'] },
];

/** Rows read and written per statement: bounded memory, and a PostgreSQL statement's 65,535 parameters. */
const CHUNK_ROWS = 500;

type Row = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: tables are walked by name, row shapes are not known here.
type AnyDb = Kysely<any>;

/** A table's rows: how many, and a digest of their contents that does not depend on their order. */
export interface TableDigest {
  table: string;
  rows: number;
  digest: string;
}

/** Tables of `db` that hold rows, with how many (to refuse filling a database in use). */
export async function tablesWithRows(db: Kysely<Database>): Promise<{ table: string; rows: number }[]> {
  const counts = await Promise.all(
    TABLES.map(async ({ name }) => ({ table: name, rows: await countRows(db, name) })),
  );
  return counts.filter((c) => c.rows > 0);
}

/**
 * Copies every table's rows from `from` to `to`, a chunk per transaction, in each table's key
 * order. A row whose key the target holds already is left alone, so a copy that was cut short
 * continues where it stopped when run again. `progress` hears each table's count as it goes.
 */
export async function copyTables(
  from: Kysely<Database>,
  to: Kysely<Database>,
  progress: (table: string, copied: number, total: number) => void = () => {},
): Promise<void> {
  for (const { name, key } of TABLES) {
    const total = await countRows(from, name);
    let copied = 0;
    for await (const rows of chunksOf(from, name, key)) {
      await (to as AnyDb)
        .insertInto(name)
        .values(rows)
        .onConflict((oc) => oc.columns([...key]).doNothing())
        .execute();
      copied += rows.length;
      progress(name, copied, total);
    }
    if (total === 0) progress(name, 0, 0);
  }
}

/** Each table's row count and content digest, to compare a copy with its source. */
export async function digestTables(db: Kysely<Database>): Promise<TableDigest[]> {
  const digests: TableDigest[] = [];
  for (const { name, key } of TABLES) {
    let rows = 0;
    let sum = 0n;
    for await (const chunk of chunksOf(db, name, key)) {
      for (const row of chunk) {
        rows += 1;
        sum = (sum + rowHash(row)) & 0xffff_ffff_ffff_ffff_ffff_ffff_ffff_ffffn;
      }
    }
    digests.push({ table: name, rows, digest: sum.toString(16).padStart(32, '0') });
  }
  return digests;
}

/** A row's hash as a number: the columns by name, each value as JSON (numbers are numbers on both databases). */
function rowHash(row: Row): bigint {
  const canonical = JSON.stringify(
    Object.keys(row)
      .sort()
      .map((column) => [column, row[column] ?? null]),
  );
  return BigInt(`0x${createHash('sha256').update(canonical).digest('hex').slice(0, 32)}`);
}

async function countRows(db: Kysely<Database>, table: string): Promise<number> {
  const row = await (db as AnyDb)
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A table's rows in key order, a chunk at a time (keyset paging: each chunk starts after the last key read). */
async function* chunksOf(db: Kysely<Database>, table: string, key: readonly string[]): AsyncGenerator<Row[]> {
  let after: unknown[] | null = null;
  for (;;) {
    let query = (db as AnyDb).selectFrom(table).selectAll();
    if (after !== null) {
      const last = after;
      // biome-ignore lint/suspicious/noExplicitAny: the key's columns, one or several, compared as a row value.
      query = query.where((eb: any) =>
        key.length === 1 ? eb(key[0], '>', last[0]) : eb(eb.refTuple(...key), '>', eb.tuple(...last)),
      );
    }
    for (const column of key) query = query.orderBy(column);
    const rows: Row[] = await query.limit(CHUNK_ROWS).execute();
    if (rows.length === 0) return;
    yield rows;
    const lastRow = rows.at(-1) as Row;
    after = key.map((column) => lastRow[column]);
    if (rows.length < CHUNK_ROWS) return;
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PreparedSqliteDialect } from './sqlite-driver.ts';
import { openSqliteFile } from './sqlite-file.ts';

interface Db {
  words: { id: number; word: string };
}

/** A database of numbered words whose connection counts the statements it prepares, by SQL. */
function countingDatabase(preparedSqlMaxChars?: number) {
  const database = new SqliteDatabase(':memory:');
  database.exec('create table words (id integer primary key, word text not null)');
  const insert = database.prepare('insert into words (id, word) values (?, ?)');
  for (let id = 1; id <= 50; id++) insert.run(id, `word ${id}`);
  const prepared = new Map<string, number>();
  const prepare = database.prepare.bind(database);
  database.prepare = ((source: string) => {
    prepared.set(source, (prepared.get(source) ?? 0) + 1);
    return prepare(source);
  }) as typeof database.prepare;
  const db = new Kysely<Db>({
    dialect: new PreparedSqliteDialect({
      database,
      ...(preparedSqlMaxChars !== undefined ? { preparedSqlMaxChars } : {}),
    }),
  });
  return { db, prepared };
}

let open: Kysely<Db> | undefined;
afterEach(async () => {
  await open?.destroy();
  open = undefined;
});

describe('PreparedSqliteDialect', () => {
  it('should prepare a statement once and run it again with other values', async () => {
    const { db, prepared } = countingDatabase();
    open = db;
    const wordOf = (id: number) =>
      db.selectFrom('words').select('word').where('id', '=', id).executeTakeFirst();

    expect(await wordOf(3)).toEqual({ word: 'word 3' });
    expect(await wordOf(7)).toEqual({ word: 'word 7' });
    expect(await wordOf(3)).toEqual({ word: 'word 3' });
    expect([...prepared.values()]).toEqual([1]);
  });

  it('should write, answer what it wrote, and roll a failed transaction back', async () => {
    const { db } = countingDatabase();
    open = db;
    const inserted = await db.insertInto('words').values({ id: 51, word: 'new' }).executeTakeFirst();
    expect(inserted.numInsertedOrUpdatedRows).toBe(1n);
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.updateTable('words').set({ word: 'changed' }).where('id', '=', 51).execute();
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await db.selectFrom('words').select('word').where('id', '=', 51).executeTakeFirst()).toEqual({
      word: 'new',
    });
  });

  it('should keep only as much SQL prepared as its bound, dropping the least recently used', async () => {
    const { db, prepared } = countingDatabase(100);
    open = db;
    // Each statement differs in its list's length, as a batch's statements do: about 45 characters each.
    const ofIds = (count: number) =>
      db
        .selectFrom('words')
        .select('id')
        .where(
          'id',
          'in',
          Array.from({ length: count }, (_, i) => i + 1),
        )
        .execute();
    const sqlOf = (count: number) => ofIds(count).then(() => [...prepared.keys()].at(-1) as string);
    const one = await sqlOf(1);
    const two = await sqlOf(2);
    await ofIds(1); // used again: now the most recent
    const three = await sqlOf(3); // past the bound: the least recently used (two) goes
    expect(one.length + two.length).toBeLessThanOrEqual(100);
    expect(one.length + two.length + three.length).toBeGreaterThan(100);

    await ofIds(1);
    await ofIds(3);
    expect(prepared.get(one)).toBe(1);
    expect(prepared.get(three)).toBe(1);
    await ofIds(2);
    expect(prepared.get(two)).toBe(2);
  });
});

describe('two connections writing one SQLite file (the server and its grouping thread)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'errata-driver-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Two connections to one file, each through the dialect, as openStore makes them. */
  function twoConnections(name: string) {
    const file = join(dir, name);
    const [a, b] = [0, 1].map(
      () => new Kysely<Db>({ dialect: new PreparedSqliteDialect({ database: openSqliteFile(file) }) }),
    ) as [Kysely<Db>, Kysely<Db>];
    return { a, b, close: () => Promise.all([a.destroy(), b.destroy()]) };
  }

  it("should wait for the other's write between turns of the event loop, then write", async () => {
    const { a, b, close } = twoConnections('wait.db');
    try {
      await sql`create table words (id integer primary key, word text not null)`.execute(a);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const holding = a.transaction().execute(async (trx) => {
        await trx.insertInto('words').values({ id: 1, word: 'first' }).execute();
        await held;
      });
      await new Promise((resolve) => setTimeout(resolve, 10));
      let written = false;
      const writing = b
        .insertInto('words')
        .values({ id: 2, word: 'second' })
        .execute()
        .then(() => (written = true));
      // The thread is free meanwhile: a timer fires while the write waits for the lock.
      let ticks = 0;
      for (let n = 0; n < 5; n++) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        ticks++;
      }
      expect({ ticks, written }).toEqual({ ticks: 5, written: false });
      release();
      await holding;
      await writing;
      expect(await b.selectFrom('words').select('word').orderBy('id').execute()).toEqual([
        { word: 'first' },
        { word: 'second' },
      ]);
    } finally {
      await close();
    }
  });

  it('should let a transaction that read first go on to write, the other connection waiting its turn', async () => {
    const { a, b, close } = twoConnections('upgrade.db');
    try {
      await sql`create table words (id integer primary key, word text not null)`.execute(a);
      // b reads, then a writes, then b writes: with a deferred BEGIN, b's write would fail at
      // once (SQLITE_BUSY) once a had committed. b holds the write lock from its BEGIN; a waits.
      let other: Promise<unknown> = Promise.resolve();
      await b.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('words').select('id').execute();
        other = a.insertInto('words').values({ id: 1, word: 'other' }).execute();
        await new Promise((resolve) => setTimeout(resolve, 10));
        await trx
          .insertInto('words')
          .values({ id: before.length + 10, word: 'mine' })
          .execute();
      });
      await other;
      expect(await a.selectFrom('words').select('word').orderBy('id').execute()).toEqual([
        { word: 'other' },
        { word: 'mine' },
      ]);
    } finally {
      await close();
    }
  });
});

import SqliteDatabase from 'better-sqlite3';
import { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { PreparedSqliteDialect } from './sqlite-driver.ts';

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

import SqliteDatabase from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { intakeFileOf } from './intake-file.ts';
import { filesApart, openStore, type Store } from './open-store.ts';

let database: TestDatabase | undefined;
const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  await database?.drop();
});

describe('a SQLite store with its intake apart', () => {
  it('should hold the intake table as soon as it opens, and close at once without an error', async () => {
    database = await createTestDatabase('sqlite');
    const store = openStore(database.url, { intakeApart: true });
    const intakeFile = intakeFileOf(store.sqliteFile as string);
    // Closed before anything asked it: the intake file made its table as it opened, not after.
    await store.close();
    const file = new SqliteDatabase(intakeFile, { readonly: true });
    const tables = file.prepare("select name from sqlite_master where type = 'table'").pluck().all();
    file.close();
    expect(tables).toContain('report_intake');
  });
});

describe("a SQLite store's files, for a thread of its own", () => {
  it('should be the database file and the intake file beside it when the intake is apart', async () => {
    database = await createTestDatabase('sqlite');
    const store = openStore(database.url, { intakeApart: true });
    stores.push(store);
    const file = store.sqliteFile as string;
    expect(filesApart(store, 'a grouping thread')).toEqual({
      databaseFile: file,
      intakeFile: intakeFileOf(file),
    });
  });

  it('should be refused, naming who needs them, when the intake is in the database', async () => {
    database = await createTestDatabase('sqlite');
    const store = openStore(database.url);
    stores.push(store);
    expect(() => filesApart(store, 'an intake thread')).toThrow(
      'an intake thread needs a SQLite file opened with its intake apart',
    );
  });
});

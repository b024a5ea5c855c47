import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { intakeFileOf } from './intake-file.ts';
import { filesApart, openStore, type Store } from './open-store.ts';
import { intakeCounts } from './report-intake-store.ts';

let database: TestDatabase | undefined;
const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  await database?.drop();
});

describe("a SQLite store's files, for a thread of its own", () => {
  it('should be the database file and the intake file beside it when the intake is apart', async () => {
    database = await createTestDatabase('sqlite');
    const store = openStore(database.url, { intakeApart: true });
    stores.push(store);
    // The intake file makes its table as it opens: once a query answers, that is done.
    await intakeCounts(store.intake);
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

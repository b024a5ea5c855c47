import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseFailureOf } from '../store/database-failure.ts';
import { migrateToLatest } from '../store/migrator.ts';
import { openStore, type Store } from '../store/open-store.ts';
import { type IntakeEntry, intakeCounts } from '../store/report-intake-store.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { IntakeThread } from './intake-thread.ts';

let database: TestDatabase;
let store: Store;
let thread: IntakeThread | null = null;

beforeEach(async () => {
  database = await createTestDatabase('sqlite');
  store = openStore(database.url, { intakeApart: true });
  await migrateToLatest(store.db);
});
afterEach(async () => {
  await thread?.close();
  thread = null;
  await store.close();
  await database.drop();
});

const entry = (id: string, clientId: string | null = null): IntakeEntry => ({
  id,
  siteId: 'demo',
  clientId,
  createdAt: '2026-12-06T12:00:00.000Z',
  payload: JSON.stringify({ id }),
});

async function waitingIds(): Promise<string[]> {
  const rows = await store.intake.selectFrom('report_intake').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

describe('the intake written on a thread of its own (SQLite, as the server runs)', () => {
  it('acknowledges a batch durably: the rows are in the file, read from another connection, once append resolves', async () => {
    thread = new IntakeThread(store, (error) => {
      throw error;
    });
    const answers = await thread.append([entry('01a'), entry('01b', 'c-1'), entry('01c', 'c-1')]);
    // The third is a resend of the second (same clientId): it gets the first arrival's id, and no row.
    expect(answers).toEqual([
      { reportId: '01a', repeat: false },
      { reportId: '01b', repeat: false },
      { reportId: '01b', repeat: true },
    ]);
    expect(await waitingIds()).toEqual(['01a', '01b']);

    // A later batch still knows the clientId, and removals and failure counts are written in order.
    expect(await thread.append([entry('01d', 'c-1')])).toEqual([{ reportId: '01b', repeat: true }]);
    await thread.remove(['01a']);
    await thread.noteFailure('01b', 'a test failure');
    expect(await waitingIds()).toEqual(['01b']);
    const [row] = await store.intake.selectFrom('report_intake').select(['attempts', 'last_error']).execute();
    expect(row).toEqual({ attempts: 1, last_error: 'a test failure' });
  });

  it('fails a batch the file refuses with the error SQLite gave, its code included, and goes on', async () => {
    thread = new IntakeThread(store, () => {});
    await thread.append([entry('01a')]);
    const refused = await thread.append([entry('01a')]).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Error);
    expect((refused as { code?: string }).code).toBe('SQLITE_CONSTRAINT_PRIMARYKEY');
    expect((refused as Error).message).toContain('report_intake.id');
    expect(await thread.append([entry('01b')])).toEqual([{ reportId: '01b', repeat: false }]);
    expect(await intakeCounts(store.intake)).toEqual({ waiting: 2, setAside: 0 });
  });

  it('reports a locked file as a database failure (a 503 the widget retries), not as a bug', async () => {
    thread = new IntakeThread(store, () => {});
    await thread.append([entry('01a')]);
    // Another program holds the file's write lock for longer than the thread waits for it.
    const { default: SqliteDatabase } = await import('better-sqlite3');
    const other = new SqliteDatabase(`${store.sqliteFile}-intake`);
    other.exec('begin immediate');
    try {
      const refused = await thread.append([entry('01b')]).catch((error: unknown) => error);
      expect(databaseFailureOf(refused)).toBe('the database file is locked by another program');
    } finally {
      other.exec('rollback');
      other.close();
    }
    expect(await thread.append([entry('01c')])).toEqual([{ reportId: '01c', repeat: false }]);
  }, 20_000);

  it('finishes what it was asked before it closes, and refuses what comes after', async () => {
    thread = new IntakeThread(store, () => {});
    const appended = thread.append([entry('01a'), entry('01b')]);
    await thread.close();
    await expect(appended).resolves.toHaveLength(2);
    expect(await waitingIds()).toEqual(['01a', '01b']);
    await expect(thread.append([entry('01c')])).rejects.toThrow('Errata cannot take reports for a moment');
  });
});

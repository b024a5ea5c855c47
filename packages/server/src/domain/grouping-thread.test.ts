/**
 * Grouping on a thread of its own, as the server runs on SQLite: reports acknowledged into the
 * intake file (by the intake thread), grouped on the thread over its own connection, and
 * removed from the intake once grouped. Exactly once, across stops that come between the two.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { intakeFileOf } from '../store/intake-file.ts';
import { migrateToLatest } from '../store/migrator.ts';
import { openStore, type Store } from '../store/open-store.ts';
import { appendToIntake, intakeCounts } from '../store/report-intake-store.ts';
import { demoReport, TEST_SENDER } from '../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { ensureDemoSite } from './demo-site.ts';
import { type IntakeLimits, ReportIngest } from './report-ingest.ts';

let database: TestDatabase;
const stores: Store[] = [];
const ingests: ReportIngest[] = [];

beforeEach(async () => {
  database = await createTestDatabase('sqlite');
  const store = openStore(database.url);
  await migrateToLatest(store.db);
  await ensureDemoSite(store);
  await store.close();
});
afterEach(async () => {
  for (const ingest of ingests.splice(0)) await ingest.stop();
  for (const store of stores.splice(0)) await store.close();
  await database.drop();
});

/** The store as the server opens it, with an ingest over it (grouping on its thread). */
function serverLike(limits: Partial<IntakeLimits> = {}): { store: Store; ingest: ReportIngest } {
  const store = openStore(database.url, { intakeApart: true });
  const ingest = new ReportIngest(store, 'test-key', undefined, undefined, limits);
  stores.push(store);
  ingests.push(ingest);
  return { store, ingest };
}

const spot = (n: number, extra: Parameters<typeof demoReport>[0] = {}) =>
  demoReport({
    quote: { exact: `word${n}`, prefix: `before ${n} `, suffix: ` after ${n}` },
    position: { start: n * 100, end: n * 100 + 5 },
    ...extra,
  });

async function reportsOf(store: Store) {
  return store.db
    .selectFrom('reports')
    .innerJoin('errata', 'errata.id', 'reports.erratum_id')
    .select(['reports.id', 'reports.erratum_id', 'errata.quote_exact', 'errata.report_count'])
    .orderBy('reports.id')
    .execute();
}

describe('grouping on a thread of its own (SQLite, as the server runs)', () => {
  it('should keep acknowledged reports in the intake file and group each once into its erratum', async () => {
    const { store, ingest } = serverLike();
    expect(store.intake).not.toBe(store.db);
    expect(existsSync(intakeFileOf(store.sqliteFile as string))).toBe(true);

    const waited = await ingest.ingest(spot(1), TEST_SENDER);
    expect(waited.receipt.erratum).toMatchObject({ reports: 1, status: 'open' });
    const accepted = await Promise.all(
      Array.from({ length: 300 }, (_, n) => ingest.accept(spot(2 + (n % 3)), TEST_SENDER)),
    );
    await ingest.drained();

    const rows = await reportsOf(store);
    expect(rows.map((r) => r.id).sort()).toEqual(
      [waited.receipt.id, ...accepted.map((a) => a.receipt.id)].sort(),
    );
    const counts = new Map(rows.map((r) => [r.quote_exact, r.report_count]));
    expect(Object.fromEntries(counts)).toEqual({ word1: 1, word2: 100, word3: 100, word4: 100 });
    // Removed from the intake once grouped; the database's own intake table was never used.
    expect(await intakeCounts(store.intake)).toEqual({ waiting: 0, setAside: 0 });
    expect(await intakeCounts(store.db)).toEqual({ waiting: 0, setAside: 0 });
  });

  it('should answer a resend with its first arrival, waiting in the intake file or grouped', async () => {
    const { ingest } = serverLike();
    const first = await ingest.accept(spot(5, { clientId: 'c-5' }), TEST_SENDER);
    const waiting = await ingest.accept(spot(5, { clientId: 'c-5' }), TEST_SENDER);
    await ingest.drained();
    const grouped = await ingest.accept(spot(5, { clientId: 'c-5' }), TEST_SENDER);
    expect([waiting, grouped]).toEqual([
      { receipt: { id: first.receipt.id }, repeat: true },
      { receipt: { id: first.receipt.id }, repeat: true },
    ]);
  });

  it("should slow acknowledging to grouping's pace while grouping is held up, and refuse none", async () => {
    const { store, ingest } = serverLike({ paceFrom: 20 });
    await ingest.drained();
    // Another program writing the database (a long import, say) holds its lock: grouping waits.
    const holder = new SqliteDatabase(store.sqliteFile as string);
    holder.prepare('begin immediate').run();
    let acknowledged = 0;
    const senders = Array.from({ length: 10 }, async (_, first) => {
      for (let n = first; n < 200; n += 10) {
        await ingest.accept(spot(n), TEST_SENDER);
        acknowledged += 1;
      }
    });
    const sent = Promise.all(senders);
    await sleep(1_200);
    const whileHeld = acknowledged;
    holder.prepare('commit').run();
    holder.close();
    await sent;
    await ingest.drained();

    // Past 20 waiting, batches went at grouping's pace, which was nil: a batch at most a second.
    expect(whileHeld).toBeGreaterThanOrEqual(20);
    expect(whileHeld).toBeLessThan(60);
    expect(acknowledged).toBe(200);
    expect((await reportsOf(store)).length).toBe(200);
    expect(await intakeCounts(store.intake)).toEqual({ waiting: 0, setAside: 0 });
  });

  it('should refuse with 503, while acknowledging is paced, what would wait past a thousand in the queue', async () => {
    const { store, ingest } = serverLike({ paceFrom: 20 });
    await ingest.drained();
    const holder = new SqliteDatabase(store.sqliteFile as string);
    holder.prepare('begin immediate').run();
    for (let n = 0; n < 20; n++) await ingest.accept(spot(n), TEST_SENDER);
    const sending = Array.from({ length: 1_500 }, (_, n) =>
      ingest.accept(spot(20 + n), TEST_SENDER).then(
        ({ receipt }) => ({ id: receipt.id, refused: null }),
        (error: unknown) => ({ id: null, refused: error }),
      ),
    );
    // Every request is in: the lock is let go, and grouping catches up.
    setTimeout(() => {
      holder.prepare('commit').run();
      holder.close();
    }, 200);
    const outcomes = await Promise.all(sending);
    await ingest.drained();

    const refused = outcomes.filter((o) => o.refused !== null);
    expect(refused.length).toBeGreaterThanOrEqual(100);
    for (const { refused: error } of refused) expect(error).toMatchObject({ kind: 'unavailable' });
    const stored = new Set((await reportsOf(store)).map((r) => r.id));
    const acknowledged = outcomes.flatMap((o) => (o.id ? [o.id] : []));
    expect(acknowledged.length).toBe(1_500 - refused.length);
    expect(stored.size).toBe(20 + acknowledged.length);
    expect(acknowledged.every((id) => stored.has(id))).toBe(true);
  });

  it('should not group again a report whose intake row a stop left behind, and group what waits', async () => {
    const before = serverLike();
    const grouped = await before.ingest.accept(spot(6), TEST_SENDER);
    await before.ingest.drained();
    await before.ingest.stop();
    // As if the process stopped between grouping the report and removing its row: the row is back.
    const row = await before.store.db
      .selectFrom('reports')
      .selectAll()
      .where('id', '=', grouped.receipt.id)
      .executeTakeFirstOrThrow();
    await appendToIntake(before.store.intake, [
      {
        id: row.id,
        siteId: row.site_id,
        clientId: null,
        createdAt: row.created_at,
        payload: JSON.stringify({ row }),
      },
    ]);
    expect(await intakeCounts(before.store.intake)).toEqual({ waiting: 1, setAside: 0 });

    const after = serverLike();
    const fresh = await after.ingest.accept(spot(7), TEST_SENDER);
    await after.ingest.drained();
    const rows = await reportsOf(after.store);
    expect(rows.map((r) => [r.id, r.report_count])).toEqual([
      [grouped.receipt.id, 1],
      [fresh.receipt.id, 1],
    ]);
    expect(await intakeCounts(after.store.intake)).toEqual({ waiting: 0, setAside: 0 });
  });

  it.runIf(process.platform === 'linux')(
    'should group at a lower priority than the threads that answer readers (Linux)',
    async () => {
      const niceness = () =>
        readdirSync('/proc/self/task').map((task) => {
          // The fields after the thread's name (in parentheses): niceness is the 17th.
          const fields = readFileSync(`/proc/self/task/${task}/stat`, 'utf8').split(') ')[1]!.split(' ');
          return Number(fields[16]);
        });
      const before = niceness().filter((n) => n === 10).length;
      const { ingest } = serverLike();
      await ingest.accept(spot(8), TEST_SENDER);
      await ingest.drained();
      // One thread more runs at niceness 10 (the grouping thread); this one keeps its own.
      expect(niceness().filter((n) => n === 10).length).toBe(before + 1);
      expect(niceness()[0]).toBe(0);
    },
  );
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { intakeCounts } from '../store/report-intake-store.ts';
import { keptReportIds } from '../testing/report-flood.ts';
import { demoReport, openTestStore, TEST_SENDER } from '../testing/test-app.ts';
import { ErrataError } from './errors.ts';
import { InMemoryLiveEvents } from './live-events.ts';
import { ReportIngest } from './report-ingest.ts';

let t: Awaited<ReturnType<typeof openTestStore>>;
const started: ReportIngest[] = [];
beforeEach(async () => {
  t = await openTestStore();
});
afterEach(async () => {
  for (const ingest of started.splice(0)) await ingest.stop();
  await t.cleanup();
});

/** An ingest as a server starts one; `backlogMax` as INTAKE_BACKLOG_MAX. */
function startIngest(backlogMax?: number): ReportIngest {
  const ingest = new ReportIngest(
    t.store,
    'test-key',
    undefined,
    undefined,
    backlogMax ? { backlogMax } : {},
  );
  started.push(ingest);
  return ingest;
}

/** A report of its own spot. */
const spot = (n: number, extra: Parameters<typeof demoReport>[0] = {}) =>
  demoReport({
    quote: { exact: `word${n}`, prefix: `before ${n} `, suffix: ` after ${n}` },
    position: { start: n * 100, end: n * 100 + 5 },
    ...extra,
  });

describe('a report acknowledged, then grouped', () => {
  it('should be acknowledged with its id only, and be in its erratum once grouping caught up', async () => {
    const ingest = startIngest();
    const { receipt, repeat } = await ingest.accept(spot(1), TEST_SENDER);
    expect(receipt).toEqual({ id: expect.any(String) });
    expect(repeat).toBe(false);
    // Durable already: in the intake, or grouped by now.
    const kept = await keptReportIds(t.store);
    expect(kept.grouped.has(receipt.id) || kept.waiting.has(receipt.id)).toBe(true);

    await ingest.drained();
    const row = await t.store.db
      .selectFrom('reports')
      .innerJoin('errata', 'errata.id', 'reports.erratum_id')
      .select(['errata.quote_exact', 'errata.report_count', 'reports.ordinal'])
      .where('reports.id', '=', receipt.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ quote_exact: 'word1', report_count: 1, ordinal: 1 });
    expect(await intakeCounts(t.store.db)).toEqual({ waiting: 0, setAside: 0 });
  });

  it('should give the erratum to a caller that waits for it, joining the same spot', async () => {
    const ingest = startIngest();
    const first = await ingest.ingest(spot(2), TEST_SENDER);
    const second = await ingest.ingest(spot(2, { suggestion: 'word two' }), TEST_SENDER);
    expect(first.receipt.erratum).toEqual({ id: expect.any(String), reports: 1, status: 'open' });
    expect(second.receipt.erratum).toEqual({ id: first.receipt.erratum.id, reports: 2, status: 'open' });
  });

  it("should answer a resend with the first arrival's id while that still waits to be grouped, and store it once", async () => {
    const stopped = startIngest();
    await stopped.stop();
    const first = await stopped.accept(spot(3, { clientId: 'c-3' }), TEST_SENDER);
    const again = await stopped.accept(spot(3, { clientId: 'c-3' }), TEST_SENDER);
    expect(again).toEqual({ receipt: { id: first.receipt.id }, repeat: true });
    expect((await keptReportIds(t.store)).waiting).toEqual(new Set([first.receipt.id]));

    // The next start groups what was left, and a resend after that still finds the first arrival.
    const next = startIngest();
    await next.drained();
    const later = await next.ingest(spot(3, { clientId: 'c-3' }), TEST_SENDER);
    expect(later.repeat).toBe(true);
    expect(later.receipt).toEqual({
      id: first.receipt.id,
      erratum: { id: expect.any(String), reports: 1, status: 'open' },
    });
    const kept = await keptReportIds(t.store);
    expect(kept).toEqual({ grouped: new Set([first.receipt.id]), waiting: new Set() });
  });

  it('should refuse new reports with 503 once too many wait to be grouped, and take them again once grouped', async () => {
    const stopped = startIngest(2);
    await stopped.stop();
    await stopped.accept(spot(4), TEST_SENDER);
    await stopped.accept(spot(5), TEST_SENDER);
    const refusal = await stopped.accept(spot(6), TEST_SENDER).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ErrataError);
    expect(refusal).toMatchObject({
      kind: 'unavailable',
      message: 'Errata is taking in too many reports right now: try again in a moment.',
    });

    const next = startIngest(2);
    await next.drained();
    expect((await next.accept(spot(6), TEST_SENDER)).repeat).toBe(false);
    await next.drained();
    expect((await keptReportIds(t.store)).grouped.size).toBe(3);
  });

  it('should set aside a report that cannot be grouped, keeping it, and group the others', async () => {
    const stopped = startIngest();
    await stopped.stop();
    const good = await stopped.accept(spot(7), TEST_SENDER);
    const bad = await stopped.accept(spot(8), TEST_SENDER);
    const other = await stopped.accept(spot(9), TEST_SENDER);
    // A row that fails every time it is grouped (its site is gone: its erratum breaks a foreign key).
    const row = await t.store.db
      .selectFrom('report_intake')
      .select('payload')
      .where('id', '=', bad.receipt.id)
      .executeTakeFirstOrThrow();
    const payload = JSON.parse(row.payload);
    payload.row.site_id = 'no-such-site';
    await t.store.db
      .updateTable('report_intake')
      .set({ payload: JSON.stringify(payload) })
      .where('id', '=', bad.receipt.id)
      .execute();

    const errors: unknown[] = [];
    const onError = (error: unknown) => errors.push(error);
    const next = new ReportIngest(t.store, 'test-key', { events: new InMemoryLiveEvents(onError), onError });
    started.push(next);
    await next.drained();
    const kept = await keptReportIds(t.store);
    expect(kept.grouped).toEqual(new Set([good.receipt.id, other.receipt.id]));
    expect(kept.waiting).toEqual(new Set([bad.receipt.id]));
    expect(await intakeCounts(t.store.db)).toEqual({ waiting: 0, setAside: 1 });
    const setAside = await t.store.db
      .selectFrom('report_intake')
      .select(['attempts', 'last_error'])
      .executeTakeFirstOrThrow();
    expect(setAside.attempts).toBe(3);
    expect(setAside.last_error).toMatch(/foreign key|violates/i);
    expect(errors.length).toBeGreaterThan(0);
  });
});

import type { ReportInput } from '@errata/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoReport, openTestApp, type TestApp } from '../testing/test-app.ts';
import { sweepRetention } from './retention-sweeper.ts';

let t: TestApp;
beforeEach(async () => {
  t = await openTestApp();
  await t.store.db.updateTable('sites').set({ reader_email: 1 }).where('id', '=', 'demo').execute();
});
afterEach(async () => t.close());

const DAY_MS = 24 * 3600 * 1000;
const NOW = new Date();
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY_MS).toISOString();

/** A report of the demo site on its own spot (quotes far apart never join); returns the receipt. */
async function report(word: string, at: number, extra: Partial<ReportInput> = {}) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/reports?wait=erratum',
    payload: demoReport({
      quote: { exact: word, prefix: 'the words before ', suffix: ' the words after' },
      position: { start: at, end: at + word.length },
      ...extra,
    }),
  });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; erratum: { id: string; reports: number } };
}

/** Dates a report back, as if it had arrived `days` ago. */
const ageReport = (id: string, days: number) =>
  t.store.db
    .updateTable('reports')
    .set({ created_at: daysAgo(days) })
    .where('id', '=', id)
    .execute();

/** Closes an erratum `days` ago with `status`. */
const decide = (id: string, status: string, days: number) =>
  t.store.db
    .updateTable('errata')
    .set({ status, status_changed_at: daysAgo(days) })
    .where('id', '=', id)
    .execute();

const setRetention = (days: number | null) =>
  t.store.db.updateTable('sites').set({ retention_days: days }).where('id', '=', 'demo').execute();

const reportIds = async () =>
  (await t.store.db.selectFrom('reports').select('id').orderBy('id').execute()).map((r) => r.id);
const contactIds = async () =>
  (await t.store.db.selectFrom('reader_contacts').select('report_id').orderBy('report_id').execute()).map(
    (r) => r.report_id,
  );

describe('the retention sweeper', () => {
  it("should delete exactly the closed errata's reports decided and made longer ago than the site's days, with their addresses", async () => {
    // Rejected 40 days ago: both its reports (with an address and a comment) go.
    const rejected = await report('Roterdam', 100, { email: 'ana@example.org', comment: 'my own words' });
    const rejectedAgain = await report('Roterdam', 100, { email: 'ben@example.org' });
    // Open, reported long ago: kept until it is closed.
    const open = await report('Minks', 2000, { email: 'cy@example.org' });
    // Fixed 5 days ago: its 30 days have not run yet.
    const recent = await report('teh', 4000);
    // Spam 40 days ago, but a report joined it yesterday: the old one goes, the new one is kept its days.
    const spamOld = await report('Buy pills', 6000);
    const spamNew = await report('Buy pills', 6000);
    // Verified 31 days ago: a fixed-and-seen erratum is closed too.
    const verified = await report('recieve', 8000);

    for (const r of [rejected, rejectedAgain, open, recent, spamOld, verified]) await ageReport(r.id, 45);
    await ageReport(spamNew.id, 1);
    await decide(rejected.erratum.id, 'rejected', 40);
    await decide(recent.erratum.id, 'fixed', 5);
    await decide(spamOld.erratum.id, 'spam', 40);
    await decide(verified.erratum.id, 'verified', 31);
    await setRetention(30);
    const searchBefore = await t.store.db
      .selectFrom('errata')
      .select('search_text')
      .where('id', '=', rejected.erratum.id)
      .executeTakeFirstOrThrow();
    expect(searchBefore.search_text).toContain('my own words');

    expect(await sweepRetention(t.store, NOW)).toBe(4);

    expect(await reportIds()).toEqual([open.id, recent.id, spamNew.id].sort());
    expect(await contactIds()).toEqual([open.id]);
    // The errata stay, with the count of reports they had.
    const errata = await t.store.db
      .selectFrom('errata')
      .select(['id', 'report_count', 'status', 'search_text'])
      .where('id', 'in', [rejected.erratum.id, spamOld.erratum.id, verified.erratum.id])
      .orderBy('id')
      .execute();
    expect(errata.map((e) => [e.id, Number(e.report_count)])).toEqual(
      [
        [rejected.erratum.id, 2],
        [spamOld.erratum.id, 2],
        [verified.erratum.id, 1],
      ].sort(),
    );
    // The readers' words went with the reports: not in the search text, not in the outgoing events.
    const rejectedRow = errata.find((e) => e.id === rejected.erratum.id);
    expect(rejectedRow?.search_text).toBe('roterdam');
    const events = await t.store.db
      .selectFrom('outbox_events')
      .select('data')
      .where('erratum_id', '=', rejected.erratum.id)
      .execute();
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) expect(event.data).not.toContain('my own words');
  });

  it('should keep every report of a site that set no retention', async () => {
    const rejected = await report('Roterdam', 100, { email: 'ana@example.org' });
    await ageReport(rejected.id, 4000);
    await decide(rejected.erratum.id, 'rejected', 4000);
    await setRetention(null);

    expect(await sweepRetention(t.store, NOW)).toBe(0);
    expect(await reportIds()).toEqual([rejected.id]);
    expect(await contactIds()).toEqual([rejected.id]);
  });

  it('should delete nothing more when it runs again', async () => {
    const rejected = await report('Roterdam', 100);
    await ageReport(rejected.id, 10);
    await decide(rejected.erratum.id, 'rejected', 10);
    await setRetention(1);
    expect(await sweepRetention(t.store, NOW)).toBe(1);
    expect(await sweepRetention(t.store, NOW)).toBe(0);
    expect(await t.store.db.selectFrom('errata').select('id').execute()).toHaveLength(1);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertErratumRow } from '../testing/erratum-fixture.ts';
import { openTestStore } from '../testing/test-app.ts';
import { enqueueFirstReportedPages } from './proofread-store.ts';

let t: Awaited<ReturnType<typeof openTestStore>>;
beforeEach(async () => {
  t = await openTestStore();
  await t.store.db
    .updateTable('sites')
    .set({ proofread_on_first_report: 1 })
    .where('id', '=', 'demo')
    .execute();
});
afterEach(async () => t.cleanup());

const AT = '2026-12-01T08:00:00.000Z';
const pageUrl = (n: number) => `http://localhost/demo/articles/page-${n}.html`;

/** Errata of the demo site on page `n`, as a batch leaves them (its own, and any from before). */
async function errataOn(n: number, ids: readonly string[]): Promise<void> {
  for (const [i, id] of ids.entries()) {
    await insertErratumRow(t.store.db, {
      id,
      url: pageUrl(n),
      word: `word ${i}`,
      at: AT,
      position_start: i * 10,
      position_end: i * 10 + 6,
    });
  }
}

async function queuedPages(): Promise<string[]> {
  const jobs = await t.store.db
    .selectFrom('proofread_jobs')
    .select('url')
    .where('trigger', '=', 'report')
    .execute();
  return jobs.map((job) => job.url).sort();
}

describe('queueing the pages a batch of reports reported first', () => {
  it('should queue a page whose only errata the batch made, however many, and no page reported before', async () => {
    await errataOn(1, ['new-1a']);
    await errataOn(2, ['new-2a', 'new-2b', 'new-2c']);
    // Reported before: one erratum older than the batch, beside the batch's own.
    await errataOn(3, ['old-3', 'new-3a']);
    // As many older ones as the batch made, and one more: the look-up reads one past the new.
    await errataOn(4, ['new-4a', 'new-4b', 'old-4a', 'old-4b']);
    await enqueueFirstReportedPages(
      t.store.db,
      [
        { siteId: 'demo', url: pageUrl(1), newErratumIds: ['new-1a'] },
        { siteId: 'demo', url: pageUrl(2), newErratumIds: ['new-2a', 'new-2b', 'new-2c'] },
        { siteId: 'demo', url: pageUrl(3), newErratumIds: ['new-3a'] },
        { siteId: 'demo', url: pageUrl(4), newErratumIds: ['new-4a', 'new-4b'] },
      ],
      AT,
    );
    expect(await queuedPages()).toEqual([pageUrl(1), pageUrl(2)]);
  });

  it('should tell every page apart in a batch spanning more pages than one look-up takes', async () => {
    const pages = Array.from({ length: 300 }, (_, n) => n);
    for (const n of pages) await errataOn(n, n % 7 === 0 ? [`old-${n}`, `new-${n}`] : [`new-${n}`]);
    await enqueueFirstReportedPages(
      t.store.db,
      pages.map((n) => ({ siteId: 'demo', url: pageUrl(n), newErratumIds: [`new-${n}`] })),
      AT,
    );
    expect(await queuedPages()).toEqual(
      pages
        .filter((n) => n % 7 !== 0)
        .map(pageUrl)
        .sort(),
    );
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../base/ids.ts';
import { migrateToLatest } from '../store/migrator.ts';
import { openStore } from '../store/open-store.ts';
import { openTestStore } from '../testing/test-app.ts';
import { type ReportToStore, storeReportBatch } from './report-batch.ts';

// Each fingerprint stands for its own spot: its own word at its own place in the sentence.
const WORDS: Record<string, { exact: string; prefix: string; suffix: string; start: number }> = {
  f1: { exact: 'Minks', prefix: 'the mayor of ', suffix: ' said no to the bridge', start: 13 },
  f2: { exact: 'brigde', prefix: 'the mayor of Minks said no to the ', suffix: ' plan', start: 34 },
  f9: { exact: 'teh', prefix: 'the vote on ', suffix: ' plan was close', start: 12 },
};

function report(fingerprint: string, suggestion: string | null = null): ReportToStore {
  const spot = WORDS[fingerprint] as (typeof WORDS)[string];
  const now = new Date().toISOString();
  return {
    fingerprint,
    pageUrl: 'http://localhost/demo/a.html',
    newErratumId: newId(),
    row: {
      id: newId(),
      site_id: 'demo',
      url: 'http://localhost/demo/a.html',
      title: 'A',
      lang: 'en',
      quote_exact: spot.exact,
      quote_prefix: spot.prefix,
      quote_suffix: spot.suffix,
      position_start: spot.start,
      position_end: spot.start + spot.exact.length,
      suggestion,
      suggestion_key: suggestion?.toLowerCase() ?? null,
      comment: null,
      ip_hash: 'h',
      created_at: now,
    },
  };
}

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('storeReportBatch on a SQLite file', () => {
  it('keeps each distinct suggestion once in the search text, however many batches repeat it', async () => {
    const t = await openTestStore();
    cleanup = t.cleanup;
    await storeReportBatch(t.store.db, [report('f1', 'Minsk')]);
    for (let n = 0; n < 5; n++)
      await storeReportBatch(t.store.db, [report('f1', 'Minsk'), report('f1', null)]);
    await storeReportBatch(t.store.db, [report('f1', 'Minsk'), report('f1', 'Pinsk')]);
    const erratum = await t.store.db
      .selectFrom('errata')
      .select(['search_text', 'report_count'])
      .executeTakeFirstOrThrow();
    expect(Number(erratum.report_count)).toBe(13);
    expect(erratum.search_text.split('\n')).toEqual(['minks', 'minsk', 'pinsk']);
  });

  it('joins reports of one spot in one batch into one erratum, counting each', async () => {
    const t = await openTestStore();
    cleanup = t.cleanup;
    const receipts = await storeReportBatch(t.store.db, [
      report('f1'),
      report('f2'),
      report('f1'),
      report('f1'),
    ]);
    expect(receipts.map((r) => r.reports)).toEqual([1, 1, 2, 3]);
    expect(receipts[0]?.erratumId).toBe(receipts[2]?.erratumId);
    expect(receipts[0]?.erratumId).not.toBe(receipts[1]?.erratumId);
    const errata = await t.store.db
      .selectFrom('errata')
      .select(['fingerprint', 'report_count'])
      .orderBy('fingerprint')
      .execute();
    expect(errata).toEqual([
      { fingerprint: 'f1', report_count: 3 },
      { fingerprint: 'f2', report_count: 1 },
    ]);
  });

  it('adds a report to the erratum of its spot after the page moved that spot far from where it was stored', async () => {
    const t = await openTestStore();
    cleanup = t.cleanup;
    await storeReportBatch(t.store.db, [report('f1', 'Minsk')]);
    // Far past the stretch looked at around a report's place: only its fingerprint finds the erratum.
    const moved = report('f1', 'Minsk');
    moved.row.position_start += 50_000;
    moved.row.position_end += 50_000;
    await storeReportBatch(t.store.db, [moved]);
    const errata = await t.store.db
      .selectFrom('errata')
      .select(['fingerprint', 'report_count', 'search_text'])
      .execute();
    // Found, its search text is known: the same suggestion is not appended twice.
    expect(errata.map((e) => [e.fingerprint, Number(e.report_count), e.search_text.split('\n')])).toEqual([
      ['f1', 2, ['minks', 'minsk']],
    ]);
  });

  it('adds later batches to the existing erratum', async () => {
    const t = await openTestStore();
    cleanup = t.cleanup;
    const [first] = await storeReportBatch(t.store.db, [report('f1')]);
    const [second] = await storeReportBatch(t.store.db, [report('f1')]);
    expect(second).toMatchObject({ erratumId: first?.erratumId, reports: 2, status: 'open' });
    const count = await t.store.db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(count?.n)).toBe(2);
  });

  it('joins a wider selection to the erratum it overlaps on its page, across more pages than one look-up holds', async () => {
    const t = await openTestStore();
    cleanup = t.cleanup;
    // 300 pages: more than one statement's branches (256), the last statement filled up with branches that match nothing.
    const pages = Array.from({ length: 300 }, (_, n) => `http://localhost/demo/p${n}.html`);
    const onPage = (
      url: string,
      fingerprint: string,
      spot: Omit<(typeof WORDS)[string], 'start'> & { start: number },
    ) => {
      const r = report('f1');
      return {
        ...r,
        fingerprint,
        pageUrl: url,
        row: {
          ...r.row,
          url,
          quote_exact: spot.exact,
          quote_prefix: spot.prefix,
          quote_suffix: spot.suffix,
          position_start: spot.start,
          position_end: spot.start + spot.exact.length,
        },
      };
    };
    await storeReportBatch(
      t.store.db,
      pages.map((url, n) => onPage(url, `minks-${n}`, WORDS.f1 as (typeof WORDS)[string])),
    );
    const wider = { exact: 'of Minks said', prefix: 'the mayor ', suffix: ' no to the bridge', start: 10 };
    const receipts = await storeReportBatch(
      t.store.db,
      pages.flatMap((url, n) => [
        onPage(url, `of-minks-${n}`, wider),
        // Another word of the sentence on every other page: an erratum of its own.
        ...(n % 2 === 0 ? [onPage(url, `bridge-${n}`, WORDS.f2 as (typeof WORDS)[string])] : []),
      ]),
    );

    const joined = receipts.filter((r) => r.reports === 2);
    expect(joined).toHaveLength(300);
    expect(receipts.filter((r) => r.reports === 1)).toHaveLength(150);
    const errata = await t.store.db
      .selectFrom('errata')
      .select(['url', 'quote_exact', 'report_count'])
      .where('quote_exact', '=', 'Minks')
      .execute();
    expect(errata).toHaveLength(300);
    expect(errata.every((e) => Number(e.report_count) === 2)).toBe(true);
    const total = await t.store.db
      .selectFrom('errata')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(total.n)).toBe(450);
  });

  it('keeps what it acknowledged after the database is closed and opened again', async () => {
    const t = await openTestStore();
    const [receipt] = await storeReportBatch(t.store.db, [report('f9', 'Minsk')]);
    await t.store.close();
    const reopened = openStore(t.url);
    cleanup = async () => {
      await reopened.close();
      await t.drop();
    };
    await migrateToLatest(reopened.db);
    const row = await reopened.db
      .selectFrom('reports')
      .selectAll()
      .where('id', '=', receipt!.reportId)
      .executeTakeFirst();
    expect(row?.suggestion).toBe('Minsk');
  });
});

import { type InboxFilter, matchesInboxFilter, priorityOf, searchTextOf } from '@errata/core';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoReport, openTestIngest, TEST_SENDER } from '../testing/test-app.ts';
import { withReaderText } from './errata-store.ts';
import { type InboxPosition, listInbox } from './inbox-list.ts';
import { createSiteIfMissing } from './sites-store.ts';

// The inbox's search on the database the project runs on (SQLite, or PostgreSQL in the
// postgres project): each answer is core's matchesInboxFilter's, so both databases answer alike
// whichever index (store/search-dialect.ts) each reads.

let t: Awaited<ReturnType<typeof openTestIngest>>;
beforeEach(async () => {
  t = await openTestIngest();
});
afterEach(async () => t.cleanup());
let spot = 0;

/** An erratum of the demo site on a spot of its own, with one report per entry of `reports`. */
async function erratum(
  quote: string,
  reports: { suggestion?: string; comment?: string }[] = [{}],
): Promise<string> {
  const index = spot++;
  let id = '';
  for (const extra of reports) {
    const { receipt } = await t.ingest.ingest(
      demoReport({
        quote: { exact: quote, prefix: `Paragraph ${index} reads `, suffix: ` (${index}).` },
        position: { start: index * 1000, end: index * 1000 + quote.length },
        suggestion: undefined,
        ...extra,
      }),
      TEST_SENDER,
    );
    id = receipt.erratum.id;
  }
  await t.ingest.drained();
  return id;
}

/** SQLite's external-content index, checked against the errata it indexes (PostgreSQL's needs no check). */
async function expectIndexIntact(): Promise<void> {
  if (t.store.kind !== 'sqlite') return;
  await sql`insert into errata_search(errata_search, rank) values ('integrity-check', 1)`.execute(t.store.db);
}

/** The quotes of the errata a search lists (with more filters if given), checked against core's predicate. */
async function search(q: string, more: InboxFilter = {}): Promise<string[]> {
  const { db } = t.store;
  const filter = { ...more, search: q };
  const listed = await listInbox(db, { ...filter, siteId: 'demo' }, 'newest', undefined, 1000);
  const rows = await db.selectFrom('errata').selectAll().where('site_id', '=', 'demo').execute();
  const expected = (await withReaderText(db, rows, Number.MAX_SAFE_INTEGER)).filter((e) =>
    matchesInboxFilter(e, filter),
  );
  const quotes = listed.map(({ erratum }) => erratum.quote.exact).sort();
  expect(quotes, `search ${JSON.stringify(q)}`).toEqual(expected.map((e) => e.quote.exact).sort());
  return quotes;
}

describe('the inbox search', () => {
  it('should find a word typed whole or in part, in any case, accented as typed', async () => {
    await erratum('Zeppelin');
    await erratum('Café du Monde');
    await erratum('cafe au lait');
    await erratum('ＦＵＬＬ width');
    expect(await search('zeppelin')).toEqual(['Zeppelin']);
    expect(await search('ZEPP')).toEqual(['Zeppelin']);
    expect(await search('eppeli')).toEqual(['Zeppelin']);
    expect(await search('zeppelins')).toEqual([]);
    // NFKC: a decomposed é is the composed one; an unaccented e is another letter.
    expect(await search('CAFE\u0301')).toEqual(['Café du Monde']);
    expect(await search('café du')).toEqual(['Café du Monde']);
    expect(await search('cafe')).toEqual(['cafe au lait']);
    expect(await search('full wid')).toEqual(['ＦＵＬＬ width']);
    expect(await search('  zeppelin\u00a0')).toEqual(['Zeppelin']);
  });

  it('should take % _ \\ and " as themselves', async () => {
    await erratum('50% off');
    await erratum('500 off');
    await erratum('a_b test');
    await erratum('axb test');
    await erratum('back\\slash');
    await erratum('he said "hello" twice');
    expect(await search('50%')).toEqual(['50% off']);
    expect(await search('0% o')).toEqual(['50% off']);
    expect(await search('%')).toEqual(['50% off']);
    expect(await search('a_b')).toEqual(['a_b test']);
    expect(await search('_')).toEqual(['a_b test']);
    expect(await search('k\\s')).toEqual(['back\\slash']);
    expect(await search('"hello"')).toEqual(['he said "hello" twice']);
    expect(await search('"')).toEqual(['he said "hello" twice']);
    expect(await search('" tw')).toEqual(['he said "hello" twice']);
  });

  it('should find searches of one and two characters, which no trigram serves', async () => {
    await erratum('ox');
    await erratum('box office');
    await erratum('quay');
    await erratum('ü');
    expect(await search('ox')).toEqual(['box office', 'ox']);
    expect(await search('o')).toEqual(['box office', 'ox']);
    expect(await search('q')).toEqual(['quay']);
    expect(await search('Ü')).toEqual(['ü']);
    expect(await search('zq')).toEqual([]);
    expect(await search('x o')).toEqual(['box office']);
  });

  it('should find the words of every report, a phrase only within one text', async () => {
    await erratum('Roterdam', [
      { suggestion: 'Rotterdam' },
      { comment: 'The photo caption names the wrong city' },
      { comment: 'Seen again by a zeppelin pilot' },
    ]);
    await erratum('teh', [{ suggestion: 'the' }]);
    expect(await search('photo caption')).toEqual(['Roterdam']);
    expect(await search('caption photo')).toEqual([]);
    expect(await search('zeppelin pilot')).toEqual(['Roterdam']);
    expect(await search('rotterdam')).toEqual(['Roterdam']);
    // The quote and a suggestion are two texts: no phrase runs from one into the next.
    expect(await search('roterdam rotterdam')).toEqual([]);
    expect(await search('teh the')).toEqual([]);
    expect(await search('the')).toEqual(['Roterdam', 'teh']);
    await expectIndexIntact();
  });

  it('should follow search texts that change, and errata that go', async () => {
    const { db } = t.store;
    // search_text itself changed, which core's predicate (reading the reports) does not see.
    const found = async (q: string) =>
      (await listInbox(db, { siteId: 'demo', search: q }, 'newest', undefined, 10)).map(
        ({ erratum }) => erratum.quote.exact,
      );
    const first = await erratum('Bridgewater');
    await erratum('Harbour');
    expect(await found('bridgewater')).toEqual(['Bridgewater']);
    await db.updateTable('errata').set({ search_text: 'swing bridge' }).where('id', '=', first).execute();
    expect(await found('bridgewater')).toEqual([]);
    expect(await found('swing')).toEqual(['Bridgewater']);
    await db.deleteFrom('errata').where('id', '=', first).execute();
    expect(await found('swing')).toEqual([]);
    expect(await found('harbour')).toEqual(['Harbour']);
    await expectIndexIntact();
  });

  it('should combine a search with the filters and page through it with the cursor', async () => {
    const { db } = t.store;
    for (let i = 0; i < 12; i++) await erratum(`council ${String(i).padStart(2, '0')}`);
    await erratum('parliament');
    await db
      .updateTable('errata')
      .set({ status: 'fixed' })
      .where('quote_exact', 'in', ['council 01', 'council 04', 'council 07'])
      .execute();
    expect(await search('council', { statuses: ['fixed'] })).toEqual([
      'council 01',
      'council 04',
      'council 07',
    ]);
    expect(await search('council', { statuses: ['open'], kind: 'typo' })).toHaveLength(9);

    const pages: string[][] = [];
    let after: InboxPosition | undefined;
    for (;;) {
      const page = await listInbox(
        db,
        { siteId: 'demo', search: 'COUNCIL', statuses: ['open'] },
        'oldest',
        after,
        4,
      );
      if (page.length === 0) break;
      pages.push(page.map(({ erratum }) => erratum.quote.exact));
      const last = page.at(-1)!;
      after = { key: last.key, id: last.erratum.id };
    }
    expect(pages.map((p) => p.length)).toEqual([4, 4, 1]);
    expect(pages.flat()).toEqual(
      ['00', '02', '03', '05', '06', '08', '09', '10', '11'].map((n) => `council ${n}`),
    );
  });

  it('should stay within the site', async () => {
    const { db } = t.store;
    await erratum('zeppelin');
    const other = await db.selectFrom('errata').selectAll().executeTakeFirstOrThrow();
    await createSiteIfMissing(
      db,
      { id: 'other', name: 'Other', publicKey: 'other-key', allowedOrigins: [], rootSelector: null },
      other.first_reported_at,
    );
    await db
      .insertInto('errata')
      .values({
        ...other,
        id: 'e-other',
        site_id: 'other',
        fingerprint: 'other',
        quote_exact: 'zeppelin elsewhere',
      })
      .execute();
    expect(await search('zeppelin')).toEqual(['zeppelin']);
    const there = await listInbox(db, { siteId: 'other', search: 'zeppelin' }, 'newest', undefined, 10);
    expect(there.map(({ erratum }) => erratum.id)).toEqual(['e-other']);
  });

  it('should list the same whether a word is rare or common enough to read the site in order', async () => {
    const { db } = t.store;
    const at = '2026-11-02T08:00:00.000Z';
    // More errata holding "common" than SQLite reads through its index (10,000).
    const rows = Array.from({ length: 10_050 }, (_, i) => {
      const quote = i % 1000 === 0 ? `rare common ${i}` : `common ${i}`;
      return {
        id: `e-${String(i).padStart(5, '0')}`,
        site_id: 'demo',
        fingerprint: `f-${i}`,
        url: 'http://localhost/demo/articles/many.html',
        title: null,
        lang: 'en',
        quote_exact: quote,
        quote_prefix: '',
        quote_suffix: '',
        position_start: i,
        position_end: i + 1,
        status: i % 3 === 0 ? 'fixed' : 'open',
        report_count: 1,
        first_reported_at: at,
        last_reported_at: at,
        priority: priorityOf(1, at) + i / 1e6,
        search_text: searchTextOf([quote]),
      };
    });
    for (let i = 0; i < rows.length; i += 500) {
      await db
        .insertInto('errata')
        .values(rows.slice(i, i + 500))
        .execute();
    }
    const page = async (q: string) =>
      (await listInbox(db, { siteId: 'demo', search: q, statuses: ['open'] }, 'priority', undefined, 5)).map(
        ({ erratum }) => erratum.quote.exact,
      );
    expect(await page('common')).toEqual([
      'common 10049',
      'common 10048',
      'common 10046',
      'common 10045',
      'common 10043',
    ]);
    expect(await page('rare common')).toEqual([
      'rare common 10000',
      'rare common 8000',
      'rare common 7000',
      'rare common 5000',
      'rare common 4000',
    ]);
    expect(await page('mmon 1004')).toEqual([
      'common 10049',
      'common 10048',
      'common 10046',
      'common 10045',
      'common 10043',
    ]);
    expect(await page('nowhere')).toEqual([]);
  }, 60_000);
});

import type { ErrataSort } from '@errata/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiToken } from '../domain/api-tokens.ts';
import { addSite, demoReport, openTestApp, signedInEditor, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
let headers: Record<string, string>;
beforeEach(async () => {
  t = await openTestApp();
  headers = { authorization: `Bearer ${await createApiToken(t.store, 'demo', 'test')}` };
});
afterEach(async () => t.close());

const report = async (overrides = {}) =>
  (
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports?wait=erratum',
      payload: demoReport(overrides),
    })
  ).json();

/** A report of another spot: the quote `word` in its own sentence. */
const reportWord = (word: string, overrides = {}) =>
  report({ quote: { exact: word, prefix: `The ${word} word `, suffix: ` ends ${word}.` }, ...overrides });

const list = async (query: string) => {
  const response = await t.app.inject({ url: `/api/v1/errata?site=demo&${query}`, headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { items: { id: string; quote: { exact: string } }[]; next: string | null };
};
const words = async (query: string) => (await list(query)).items.map((e) => e.quote.exact);

describe('GET /api/v1/errata: statuses', () => {
  it('should list one status, or several given as repeated parameters (the Fixed tab: fixed and verified)', async () => {
    for (const word of ['open', 'fixed', 'verified']) await reportWord(word);
    for (const status of ['fixed', 'verified']) {
      await t.store.db.updateTable('errata').set({ status }).where('quote_exact', '=', status).execute();
    }
    expect(await words('status=fixed')).toEqual(['fixed']);
    expect((await words('status=fixed&status=verified')).sort()).toEqual(['fixed', 'verified']);
    const wrong = await t.app.inject({ url: '/api/v1/errata?site=demo&status=fixed&status=gone', headers });
    expect(wrong.statusCode).toBe(400);
  });
});

describe('GET /api/v1/errata: orders', () => {
  beforeEach(async () => {
    await reportWord('one');
    for (let i = 0; i < 3; i++) await reportWord('two');
    await reportWord('three');
  });

  it('should put reports × recency first by default, and sort by newest, oldest and most reported', async () => {
    expect(await words('')).toEqual(['two', 'three', 'one']);
    expect(await words('sort=priority')).toEqual(['two', 'three', 'one']);
    expect(await words('sort=newest')).toEqual(['three', 'two', 'one']);
    expect(await words('sort=oldest')).toEqual(['one', 'two', 'three']);
    expect(await words('sort=reports')).toEqual(['two', 'three', 'one']);
  });

  it('should rank a spot reported today above one reported more often days ago', async () => {
    const old = (await list('sort=reports')).items[0]!;
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000).toISOString();
    // What ingest would have stored had its three reports come three days ago.
    await t.store.db
      .updateTable('errata')
      .set({ last_reported_at: threeDaysAgo, priority: Math.log(3) + Date.parse(threeDaysAgo) / 86_400_000 })
      .where('id', '=', old.id)
      .execute();
    expect(await words('')).toEqual(['three', 'one', 'two']);
  });

  it('should page through every order with its own cursor, each erratum once', async () => {
    for (const sort of ['priority', 'newest', 'oldest', 'reports'] as ErrataSort[]) {
      const all = await words(`sort=${sort}`);
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await list(`sort=${sort}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        paged.push(...page.items.map((e) => e.quote.exact));
        cursor = page.next;
      } while (cursor !== null);
      expect(paged, sort).toEqual(all);
    }
  });

  it('should refuse a cursor of another order with a clear message', async () => {
    const { next } = await list('sort=newest&limit=1');
    const response = await t.app.inject({
      url: `/api/v1/errata?site=demo&sort=oldest&cursor=${next}`,
      headers,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toBe(
      'The cursor belongs to the order "newest", not "oldest": start again without it.',
    );
  });
});

describe('GET /api/v1/errata: filters', () => {
  it('should filter by kind, and by the desk the site routes the kind to', async () => {
    await t.store.db
      .updateTable('sites')
      .set({ desks: JSON.stringify({ factual: 'Standards' }) })
      .where('id', '=', 'demo')
      .execute();
    await reportWord('typo');
    await reportWord('claim', { kind: 'factual' });
    await reportWord('link', { kind: 'link' });
    expect(await words('kind=factual')).toEqual(['claim']);
    expect(await words('desk=Standards')).toEqual(['claim']);
    const [claim] = (await list('kind=factual')).items as unknown as { kind: string; desk: string | null }[];
    expect(claim).toMatchObject({ kind: 'factual', desk: 'Standards', source: 'reader', assignee: null });
    expect((await words('kind=typo')).sort()).toEqual(['typo']);
  });

  it('should refuse a kind the widget does not offer, and take a missing one as a typo', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports?wait=erratum',
      payload: demoReport({ kind: 'grammar' as never }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toEqual({ kind: 'must be one of typo, factual, link, other' });
    await reportWord('plain');
    expect(await words('kind=typo')).toEqual(['plain']);
  });

  it('should keep the first report’s kind on the erratum and each report’s own', async () => {
    const first = await reportWord('claim', { kind: 'factual' });
    await reportWord('claim', { kind: 'other' });
    expect(await words('kind=factual')).toEqual(['claim']);
    expect(await words('kind=other')).toEqual([]);
    const kinds = await t.store.db
      .selectFrom('reports')
      .select('kind')
      .where('erratum_id', '=', first.erratum.id)
      .orderBy('created_at')
      .execute();
    expect(kinds.map((r) => r.kind)).toEqual(['factual', 'other']);
  });

  it('should filter by suggestion, source and dates of the latest report', async () => {
    await reportWord('suggested', { suggestion: 'better' });
    const plain = await reportWord('plain', { suggestion: undefined });
    await t.store.db
      .updateTable('errata')
      .set({ last_reported_at: '2026-01-15T10:00:00.000Z' })
      .where('id', '=', plain.erratum.id)
      .execute();
    expect(await words('hasSuggestion=true')).toEqual(['suggested']);
    expect(await words('hasSuggestion=false')).toEqual(['plain']);
    expect((await words('source=reader')).sort()).toEqual(['plain', 'suggested']);
    expect(await words('source=proofreader')).toEqual([]);
    expect(await words('from=2026-01-01&to=2026-01-15')).toEqual(['plain']);
    expect(await words('to=2026-01-14')).toEqual([]);
    expect(await words('from=2026-01-15T10:00:01Z')).toEqual(['suggested']);
  });

  it('should explain dates it cannot read and a range that is upside down', async () => {
    const bad = await t.app.inject({ url: '/api/v1/errata?site=demo&from=yesterday', headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual({ from: 'is not a date like 2026-11-29 or 2026-11-29T08:30:00Z' });
    const impossible = await t.app.inject({ url: '/api/v1/errata?site=demo&from=2026-02-30', headers });
    expect(impossible.statusCode).toBe(400);
    const swapped = await t.app.inject({
      url: '/api/v1/errata?site=demo&from=2026-03-01&to=2026-02-01',
      headers,
    });
    expect(swapped.statusCode).toBe(400);
    expect(swapped.json().error).toBe('from is after to: no erratum can match; swap them.');
    const kind = await t.app.inject({ url: '/api/v1/errata?site=demo&kind=grammar&sort=best', headers });
    expect(kind.json().fields).toEqual({
      kind: 'must be one of typo, factual, link, other',
      sort: 'must be one of priority, newest, oldest, reports',
    });
  });

  it('should filter by assignee: me, none, or a member’s id', async () => {
    const editor = await signedInEditor(t.app, t.store, { email: 'ed@example.org' });
    const session = { cookie: editor.cookie, 'x-csrf-token': editor.csrf };
    const user = await t.store.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'ed@example.org')
      .executeTakeFirstOrThrow();
    const mine = await reportWord('mine');
    await reportWord('nobody');
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/errata/${mine.erratum.id}`,
      headers: session,
      payload: { assigneeId: user.id },
    });
    expect(patched.json().assignee).toEqual({ id: user.id, email: 'ed@example.org' });
    const asMe = await t.app.inject({ url: '/api/v1/errata?site=demo&assignee=me', headers: session });
    expect(asMe.json().items.map((e: { quote: { exact: string } }) => e.quote.exact)).toEqual(['mine']);
    expect(await words(`assignee=${user.id}`)).toEqual(['mine']);
    expect(await words('assignee=none')).toEqual(['nobody']);
    const tokenMe = await t.app.inject({ url: '/api/v1/errata?site=demo&assignee=me', headers });
    expect(tokenMe.statusCode).toBe(400);
    expect(tokenMe.json().fields).toEqual({ assignee: 'me needs a signed-in editor' });
  });
});

describe('GET /api/v1/errata: search', () => {
  it('should find words in the quote, any suggestion and any comment, whatever their case', async () => {
    await reportWord('Roterdam', { suggestion: 'Rotterdam', comment: 'Two T in the Dutch city.' });
    await reportWord('Roterdam', { suggestion: 'Róterdam', comment: 'Accent, PLEASE' });
    await reportWord('other', { suggestion: 'different', comment: 'nothing here' });
    expect(await words('q=roterdam')).toEqual(['Roterdam']);
    expect(await words('q=ROTTERDAM')).toEqual(['Roterdam']);
    expect(await words('q=dutch%20city')).toEqual(['Roterdam']);
    expect(await words('q=accent, please')).toEqual(['Roterdam']);
    expect(await words('q=róterdam')).toEqual(['Roterdam']);
    expect(await words('q=different')).toEqual(['other']);
    expect(await words('q=zebra')).toEqual([]);
  });

  it('should take % and _ as the characters they are, not as wildcards', async () => {
    await reportWord('percent', { comment: 'it says 50% off' });
    await reportWord('plain', { comment: 'fifty per cent' });
    expect(await words('q=%25')).toEqual(['percent']);
    expect(await words('q=50%25')).toEqual(['percent']);
    expect(await words('q=_')).toEqual([]);
  });

  it('should search only the asked site', async () => {
    await addSite(t.store, 'other', 'https://other.example');
    await reportWord('elsewhere', { site: 'other-key', url: 'https://other.example/a' });
    await reportWord('here');
    expect(await words('q=elsewhere')).toEqual([]);
    expect(await words('q=here')).toEqual(['here']);
    const other = { authorization: `Bearer ${await createApiToken(t.store, 'other', 'test')}` };
    const response = await t.app.inject({ url: '/api/v1/errata?site=other&q=elsewhere', headers: other });
    expect(response.json().items.map((e: { quote: { exact: string } }) => e.quote.exact)).toEqual([
      'elsewhere',
    ]);
  });
});

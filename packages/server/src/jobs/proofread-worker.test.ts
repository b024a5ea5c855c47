import { readFileSync } from 'node:fs';
import type { ErratumEvent } from '@errata/core';
import { check, PRODUCT_CONFIDENCE_THRESHOLD } from '@errata/proofreader';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PageRoots } from '../domain/page-text.ts';
import { Proofreader } from '../domain/proofread.ts';
import { readDocument } from '../domain/proofread-document.ts';
import { HostPoliteness } from '../fetch/host-politeness.ts';
import { recentOpenErrata } from '../store/digest-runs-store.ts';
import { listErratumHistory } from '../store/inbox-history.ts';
import { listInbox } from '../store/inbox-list.ts';
import { type CourierApp, openCourierApp } from '../testing/courier-app.ts';
import { article, reportOf, reportThroughApi } from '../testing/recheck-fixtures.ts';
import { signedInEditor } from '../testing/test-app.ts';
import { ProofreadWorker } from './proofread-worker.ts';

const NIGHT_MARKET = readFileSync(
  new URL('../../../../examples/newsroom/articles/night-market.html', import.meta.url),
  'utf8',
);

let t: CourierApp;
let proofreader: Proofreader;
let worker: ProofreadWorker;
beforeEach(async () => {
  t = await openCourierApp();
  // No pause between two fetches of the page server: the tests read several of its pages.
  proofreader = new Proofreader(t.store, {
    publicUrl: 'http://localhost',
    events: t.services.events,
    politeness: new HostPoliteness(0),
  });
  worker = new ProofreadWorker(t.store, proofreader);
});
afterEach(() => t.close());

const errataOf = async (source: 'reader' | 'proofreader') =>
  (await listInbox(t.store.db, { siteId: 'courier', source }, 'oldest', undefined, 100)).map(
    (r) => r.erratum,
  );

describe('proofreading a page on its first report', () => {
  it('should make the planted mistakes of a newsroom page errata of the proofreader, with no report', async () => {
    const url = `${t.pages.origin}/articles/night-market.html`;
    t.pages.set('/articles/night-market.html', NIGHT_MARKET);
    const live: ErratumEvent[] = [];
    t.services.events.subscribe('courier', ({ event }) => live.push(event));
    const receipt = await reportThroughApi(
      t.app,
      reportOf(NIGHT_MARKET, 'Gothenberg', { site: 'courier-key', url }, { suggestion: 'Gothenburg' }),
    );

    expect(await worker.runOnce()).toBe(1);

    // What the engine is sure of on the page's article text, but the reader's own spot.
    const { text } = readDocument(NIGHT_MARKET, null, url);
    const expected = (await check(text, { lang: 'en' }))
      .filter((f) => f.confidence >= PRODUCT_CONFIDENCE_THRESHOLD && f.text !== 'Gothenberg')
      .map((f) => f.text);
    const proposed = await errataOf('proofreader');
    expect(proposed.map((e) => e.quote.exact)).toEqual(expected);
    expect(expected).toContain('the the');
    // The inbox saw them live, as a check of the page, not as readers' reports.
    expect(live.filter((e) => e.erratum.source === 'proofreader').map((e) => e.cause)).toEqual(
      proposed.map(() => 'check'),
    );
    const doubled = proposed.find((e) => e.quote.exact === 'the the');
    const start = text.indexOf('the the');
    expect(doubled).toMatchObject({
      source: 'proofreader',
      status: 'open',
      reports: 0,
      lang: 'en',
      position: { start, end: start + 'the the'.length },
      quote: { prefix: text.slice(start - 64, start), suffix: text.slice(start + 7, start + 7 + 64) },
      finding: { rule: 'repeated-word', suggestions: ['the'], message: expect.any(String) },
      proposedFrom: null,
    });
    // Measured in the root a report names, so anchoring and the recheck find it again.
    const root = new PageRoots(NIGHT_MARKET, null).textOf({ selector: 'article', index: 0 }).text;
    expect(root.slice(start, start + 7)).toBe('the the');
    const recheck = await t.services.rechecker.recheckPage({ siteId: 'courier', url });
    expect(recheck.errata.find((e) => e.id === doubled?.id)?.check.state).toBe('still_there');

    // The reader's erratum is as the report left it; nothing was said to the outside world.
    expect(await errataOf('reader')).toEqual([
      expect.objectContaining({ id: receipt.erratum.id, reports: 1, source: 'reader', finding: null }),
    ]);
    const outbox = await t.store.db.selectFrom('outbox_events').select(['type', 'erratum_id']).execute();
    expect(outbox).toEqual([{ type: 'erratum.created', erratum_id: receipt.erratum.id }]);
    // Nor does an editor's daily digest count them: they were reported by no one.
    expect((await recentOpenErrata(t.store.db, 'courier', '2000-01-01T00:00:00.000Z', 100)).ids).toEqual([
      receipt.erratum.id,
    ]);
  });

  it('should neither queue the page again on a second report nor duplicate a finding when proofread again', async () => {
    const url = `${t.pages.origin}/articles/night-market.html`;
    t.pages.set('/articles/night-market.html', NIGHT_MARKET);
    await reportThroughApi(t.app, reportOf(NIGHT_MARKET, 'Gothenberg', { site: 'courier-key', url }));
    await worker.runOnce();
    const first = await errataOf('proofreader');
    expect(first.length).toBeGreaterThan(0);

    await reportThroughApi(t.app, reportOf(NIGHT_MARKET, 'kelewele', { site: 'courier-key', url }));
    // Readers reporting the proofreader's own spot join its erratum: one erratum per spot.
    await reportThroughApi(t.app, reportOf(NIGHT_MARKET, 'the the', { site: 'courier-key', url }));
    expect(await worker.runOnce()).toBe(0);
    const again = await proofreader.proofreadPage({ siteId: 'courier', url }, 'editor');
    expect(again.created).toBe(0);
    const after = await errataOf('proofreader');
    expect(after.map((e) => e.id)).toEqual(first.map((e) => e.id));
    expect(after.find((e) => e.quote.exact === 'the the')?.reports).toBe(1);
    const jobs = await t.store.db.selectFrom('proofread_jobs').select(['kind', 'trigger', 'state']).execute();
    expect(jobs).toEqual([{ kind: 'page', trigger: 'report', state: 'done' }]);
  });

  it('should not queue the page when the site turned proofreading on first report off', async () => {
    const owner = await signedInEditor(t.app, t.store, {
      email: 'owner@example.org',
      role: 'owner',
      sites: ['courier'],
    });
    const patched = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/sites/courier',
      payload: { proofreadOnFirstReport: false },
      headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf },
    });
    expect(patched.json()).toMatchObject({ proofreadOnFirstReport: false });
    const url = `${t.pages.origin}/articles/night-market.html`;
    t.pages.set('/articles/night-market.html', NIGHT_MARKET);
    await reportThroughApi(t.app, reportOf(NIGHT_MARKET, 'Gothenberg', { site: 'courier-key', url }));
    expect(await t.store.db.selectFrom('proofread_jobs').selectAll().execute()).toEqual([]);
  });
});

describe('the same mistake elsewhere', () => {
  const typo = (title: string) => article(`Trains to Minks leave at noon, the ${title} desk says.`, title);

  it('should propose the fixed correction on the known and sitemap pages that carry the wrong form', async () => {
    await t.store.db
      .updateTable('sites')
      .set({ proofread_on_first_report: 0 })
      .where('id', '=', 'courier')
      .execute();
    const { origin } = t.pages;
    t.pages.set('/news/bridge', typo('Bridge'));
    t.pages.set('/news/known', typo('Known'));
    t.pages.set('/news/listed', typo('Listed'));
    t.pages.set('/news/clean', article('Trains to Minsk and Minksy leave at noon.', 'Clean'));
    t.pages.set('/sitemap.xml', (_request, response) =>
      response.writeHead(200, { 'content-type': 'application/xml' }).end(
        `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
          <url><loc>${origin}/news/bridge</loc></url><url><loc>${origin}/news/listed</loc></url>
          <url><loc>${origin}/news/clean</loc></url><url><loc>${origin}/news/gone</loc></url>
          <url><loc>https://elsewhere.example/news/x</loc></url></urlset>`,
      ),
    );
    const fixed = await reportThroughApi(
      t.app,
      reportOf(typo('Bridge'), 'Minks', { site: 'courier-key', url: t.url }, { suggestion: 'Minsk' }),
    );
    // A page Errata knows from a reader's report of something else.
    await reportThroughApi(
      t.app,
      reportOf(typo('Known'), 'noon', { site: 'courier-key', url: `${origin}/news/known` }),
    );

    const marked = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/errata/${fixed.erratum.id}`,
      payload: { status: 'fixed' },
      headers: { authorization: `Bearer ${t.token}` },
    });
    expect(marked.statusCode).toBe(200);
    expect(await worker.runOnce()).toBe(1);

    const proposals = (await errataOf('proofreader')).sort((a, b) => a.url.localeCompare(b.url));
    const message = `Fixed on ${t.url}: “Minks” → “Minsk”.`;
    expect(proposals).toEqual(
      [`${origin}/news/known`, `${origin}/news/listed`].map((url) =>
        expect.objectContaining({
          url,
          source: 'proofreader',
          reports: 0,
          quote: expect.objectContaining({ exact: 'Minks', prefix: expect.stringMatching(/Trains to $/) }),
          finding: { rule: 'same-mistake', message, suggestions: ['Minsk'], confidence: 1 },
          proposedFrom: { id: fixed.erratum.id, url: t.url },
        }),
      ),
    );
    const history = await listErratumHistory(t.store.db, fixed.erratum.id);
    expect(history.map((e) => [e.type, e.data])).toEqual([
      ['status_changed', { from: 'open', to: 'fixed', correction: 'Minsk' }],
      ['same_mistake_searched', { wrong: 'Minks', correction: 'Minsk', pages: 3, proposals: 2 }],
    ]);
  });

  it('should take the correction the editor gives when marking it fixed, and only then', async () => {
    t.pages.set('/news/bridge', typo('Bridge'));
    const receipt = await reportThroughApi(
      t.app,
      reportOf(typo('Bridge'), 'Minks', { site: 'courier-key', url: t.url }),
    );
    const patch = (payload: object) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/errata/${receipt.erratum.id}`,
        payload,
        headers: { authorization: `Bearer ${t.token}` },
      });
    expect((await patch({ status: 'rejected', correction: 'Minsk' })).statusCode).toBe(200);
    expect(
      await t.store.db.selectFrom('proofread_jobs').select('id').where('kind', '=', 'same-mistake').execute(),
    ).toEqual([]);
    expect((await patch({ status: 'fixed', correction: 'Minsk' })).statusCode).toBe(200);
    const job = await t.store.db
      .selectFrom('proofread_jobs')
      .select(['kind', 'trigger', 'payload'])
      .where('kind', '=', 'same-mistake')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(job.payload)).toEqual({
      erratumId: receipt.erratum.id,
      wrong: 'Minks',
      correction: 'Minsk',
    });
  });
});

describe('learned names', () => {
  it('should pass a name seen on three pages as a known word, counting a page once', async () => {
    for (const page of ['a', 'b', 'c']) {
      t.pages.set(`/news/${page}`, article(`The harbour master met Adebayo Okafor on pier ${page}.`, page));
    }
    await proofreader.proofreadPage({ siteId: 'courier', url: `${t.pages.origin}/news/a` }, 'editor');
    await proofreader.proofreadPage({ siteId: 'courier', url: `${t.pages.origin}/news/a` }, 'editor');
    await proofreader.proofreadPage({ siteId: 'courier', url: `${t.pages.origin}/news/b` }, 'editor');
    expect(await proofreader.knownWordsOf('courier')).not.toContain('Okafor');
    await proofreader.proofreadPage({ siteId: 'courier', url: `${t.pages.origin}/news/c` }, 'editor');
    expect(await proofreader.knownWordsOf('courier')).toEqual(expect.arrayContaining(['Okafor', 'Adebayo']));
  });
});

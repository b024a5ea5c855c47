import { readFileSync } from 'node:fs';
import {
  type ErratumEvent,
  FINGERPRINT_CONTEXT,
  PROOFREAD_PAGES_PER_HOUR,
  type ReportInput,
} from '@errata/core';
import { check, PRODUCT_CONFIDENCE_THRESHOLD } from '@errata/proofreader';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PageRoots } from '../domain/page-text.ts';
import { Proofreader } from '../domain/proofread.ts';
import { readDocument } from '../domain/proofread-document.ts';
import { HostPoliteness } from '../fetch/host-politeness.ts';
import { recentOpenErrata } from '../store/digest-runs-store.ts';
import { listErratumHistory } from '../store/inbox-history.ts';
import { listInbox } from '../store/inbox-list.ts';
import {
  enqueueFirstReportedPages,
  enqueueProofreadJob,
  finishJob,
  type ProofreadTrigger,
} from '../store/proofread-store.ts';
import { type CourierApp, openCourierApp } from '../testing/courier-app.ts';
import { article, reportOf, reportThroughApi } from '../testing/recheck-fixtures.ts';
import { signedInEditor } from '../testing/test-app.ts';
import { ProofreadWorker } from './proofread-worker.ts';
import { sweepProofreadJobs } from './retention-sweeper.ts';

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

/** Where the `n`th (from 0) `exact` of `text` starts. */
function placeOf(text: string, exact: string, n: number): number {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(exact, at + 1);
  if (at < 0) throw new Error(`"${exact}" is not ${n + 1} times in the text`);
  return at;
}

/** A reader's report of the `n`th `exact` of a page, measured as the widget measures it. */
function reportOfPlace(
  html: string,
  exact: string,
  n: number,
  page: { site: string; url: string },
): ReportInput {
  const { text } = new PageRoots(html, null).textOf(null);
  const start = placeOf(text, exact, n);
  const end = start + exact.length;
  return reportOf(html, exact, page, {
    quote: {
      exact,
      prefix: text.slice(Math.max(0, start - FINGERPRINT_CONTEXT), start),
      suffix: text.slice(end, end + FINGERPRINT_CONTEXT),
    },
    position: { start, end },
  });
}

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
    // Made in one batch, often in one millisecond: the inbox's order among them is their random ids'.
    expect(proposed.map((e) => e.quote.exact).sort()).toEqual([...expected].sort());
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

  it('should not propose the words a reader reported where the reader’s position was counted differently', async () => {
    const url = `${t.pages.origin}/articles/night-market.html`;
    t.pages.set('/articles/night-market.html', NIGHT_MARKET);
    const report = reportOfPlace(NIGHT_MARKET, 'Gothenberg', 0, { site: 'courier-key', url });
    // A page whose live text differs a little from the fetched one (a date line, a banner) shifts the reader's count.
    const shifted = { start: report.position.start + 40, end: report.position.end + 40 };
    await reportThroughApi(t.app, { ...report, position: shifted });

    expect(await worker.runOnce()).toBe(1);

    const proposed = (await errataOf('proofreader')).map((e) => e.quote.exact);
    expect(proposed).toContain('the the');
    expect(proposed).not.toContain('Gothenberg');
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
      ['same_mistake_searched', { wrong: 'Minks', correction: 'Minsk', pages: 4, proposals: 2 }],
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

  it('should propose the other places of the wrong form on the fixed page itself, neither the fixed spot nor one an erratum has', async () => {
    await t.store.db
      .updateTable('sites')
      .set({ proofread_on_first_report: 0 })
      .where('id', '=', 'courier')
      .execute();
    const html = article(
      'Trains to Minks leave at noon. The Minks line is closed for works. Buses from Minks run hourly.',
      'Bridge',
    );
    t.pages.set('/news/bridge', html);
    const page = { site: 'courier-key', url: t.url };
    const fixed = await reportThroughApi(t.app, reportOf(html, 'Minks', page, { suggestion: 'Minsk' }));
    const third = await reportThroughApi(t.app, reportOfPlace(html, 'Minks', 2, page));
    const marked = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/errata/${fixed.erratum.id}`,
      payload: { status: 'fixed' },
      headers: { authorization: `Bearer ${t.token}` },
    });
    expect(marked.statusCode).toBe(200);

    expect(await worker.runOnce()).toBe(1);

    const { text } = readDocument(html, null, t.url);
    const second = placeOf(text, 'Minks', 1);
    expect(await errataOf('proofreader')).toEqual([
      expect.objectContaining({
        url: t.url,
        status: 'open',
        reports: 0,
        position: { start: second, end: second + 'Minks'.length },
        quote: expect.objectContaining({ exact: 'Minks', prefix: expect.stringMatching(/The $/) }),
        finding: {
          rule: 'same-mistake',
          message: 'Fixed elsewhere on this page: “Minks” → “Minsk”.',
          suggestions: ['Minsk'],
          confidence: 1,
        },
        proposedFrom: { id: fixed.erratum.id, url: t.url },
      }),
    ]);
    expect(await errataOf('reader')).toEqual([
      expect.objectContaining({ id: fixed.erratum.id, status: 'fixed', reports: 1 }),
      expect.objectContaining({ id: third.erratum.id, status: 'open', reports: 1 }),
    ]);
    const history = await listErratumHistory(t.store.db, fixed.erratum.id);
    expect(history.at(-1)).toMatchObject({
      type: 'same_mistake_searched',
      data: { wrong: 'Minks', correction: 'Minsk', pages: 1, proposals: 1 },
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

describe('old jobs', () => {
  const DAY_MS = 24 * 60 * 60 * 1000;

  it('should delete editors’ runs and same-mistake searches ended over 7 days ago, keeping first-report jobs and the hourly count', async () => {
    const now = new Date();
    const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
    let n = 0;
    /** A job of `kind` and `trigger`, queued `age` ago and left in `state` then. */
    const job = async (
      kind: 'page' | 'same-mistake',
      trigger: ProofreadTrigger,
      state: string,
      age: number,
    ) => {
      const url = `${t.pages.origin}/news/${++n}`;
      const id = await enqueueProofreadJob(t.store.db, {
        siteId: 'courier',
        kind,
        url,
        trigger,
        dedupeKey: trigger === 'report' ? `page:${url}` : null,
        state: state === 'pending' ? 'pending' : 'running',
        now: ago(age),
      });
      if (!id) throw new Error('the job was not queued');
      if (state === 'done') await finishJob(t.store.db, id, { state: 'done', result: {}, now: ago(age) });
      if (state === 'failed')
        await finishJob(t.store.db, id, { state: 'failed', error: 'HTTP 404', now: ago(age) });
      return { id, url };
    };
    const gone = [
      await job('page', 'editor', 'done', 8 * DAY_MS),
      await job('page', 'editor', 'failed', 8 * DAY_MS),
      // An instance stopped during the request: nothing will ever end it.
      await job('page', 'editor', 'running', 8 * DAY_MS),
      await job('same-mistake', 'fix', 'done', 8 * DAY_MS),
      await job('same-mistake', 'fix', 'failed', 8 * DAY_MS),
    ];
    const firstReport = await job('page', 'report', 'done', 30 * DAY_MS);
    const kept = [
      firstReport,
      await job('page', 'report', 'failed', 30 * DAY_MS),
      await job('page', 'editor', 'done', 6 * DAY_MS),
      await job('same-mistake', 'fix', 'pending', 8 * DAY_MS),
      await job('same-mistake', 'fix', 'running', 8 * DAY_MS),
    ];
    for (let i = 0; i < PROOFREAD_PAGES_PER_HOUR; i++)
      kept.push(await job('page', 'editor', 'done', 30 * 60 * 1000));

    expect(await sweepProofreadJobs(t.store, now)).toBe(gone.length);
    expect(await sweepProofreadJobs(t.store, now)).toBe(0);
    const left = await t.store.db.selectFrom('proofread_jobs').select('id').execute();
    expect(left.map((j) => j.id).sort()).toEqual(kept.map((j) => j.id).sort());

    // The hour's runs are all there: an eleventh is refused.
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sites/courier/proofread',
      payload: { url: t.url },
      headers: { authorization: `Bearer ${t.token}` },
    });
    expect(response.statusCode).toBe(429);
    // A page's first report still queues it once: its job is there (a page never queued is queued).
    const fresh = `${t.pages.origin}/news/fresh`;
    await enqueueFirstReportedPages(
      t.store.db,
      [firstReport.url, fresh].map((url) => ({ siteId: 'courier', url, newErratumIds: ['just-made'] })),
      now.toISOString(),
    );
    const jobsOf = (url: string) =>
      t.store.db.selectFrom('proofread_jobs').select('id').where('url', '=', url).execute();
    expect(await jobsOf(firstReport.url)).toEqual([{ id: firstReport.id }]);
    expect(await jobsOf(fresh)).toHaveLength(1);
  });
});

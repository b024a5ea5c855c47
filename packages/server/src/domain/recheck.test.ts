import type { ErratumEvent } from '@errata/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../base/ids.ts';
import { HostPoliteness } from '../fetch/host-politeness.ts';
import { findErratum } from '../store/errata-store.ts';
import { findPageCheck } from '../store/page-checks-store.ts';
import { type PageServer, startPageServer } from '../testing/page-server.ts';
import { addCheckedSite, article, report, reportOf } from '../testing/recheck-fixtures.ts';
import { openTestStore } from '../testing/test-app.ts';
import { changeErratumStatus } from './decisions.ts';
import { InMemoryLiveEvents } from './live-events.ts';
import { Rechecker } from './recheck.ts';
import { CHECK_REASONS } from './recheck-judgement.ts';
import { ReportIngest } from './report-ingest.ts';

const TYPO = 'Engineers from Roterdam will inspect the hinges before the bridge reopens.';
const FIXED = 'Engineers from Rotterdam will inspect the hinges before the bridge reopens.';

let t: Awaited<ReturnType<typeof openTestStore>>;
let pages: PageServer;
let ingest: ReportIngest;
let events: ErratumEvent[];
let rechecker: Rechecker;
let url: string;

beforeEach(async () => {
  t = await openTestStore();
  pages = await startPageServer();
  ingest = new ReportIngest(t.store, 'test-key');
  events = [];
  const live = new InMemoryLiveEvents();
  live.subscribe('courier', ({ event }) => events.push(event));
  rechecker = new Rechecker(t.store, {
    publicUrl: 'http://localhost',
    events: live,
    politeness: new HostPoliteness(0),
    retryBaseMs: 60_000,
  });
  await addCheckedSite(t.store, 'courier', pages.origin, { local: true });
  url = `${pages.origin}/news/bridge`;
  pages.set('/news/bridge', article(TYPO));
});
afterEach(async () => {
  await ingest.drained();
  await pages.close();
  await t.cleanup();
});

async function reportTypo(): Promise<string> {
  const receipt = await report(
    ingest,
    reportOf(article(TYPO), 'Roterdam', { site: 'courier-key', url }, { suggestion: 'Rotterdam' }),
  );
  return receipt.erratum.id;
}

async function markFixed(id: string): Promise<void> {
  await changeErratumStatus(t.store.db, {
    id,
    status: 'fixed',
    actorId: null,
    eventId: newId(),
    now: new Date().toISOString(),
  });
}

async function eventsOf(id: string) {
  const rows = await t.store.db
    .selectFrom('erratum_events')
    .select(['type', 'data'])
    .where('erratum_id', '=', id)
    .where('type', '=', 'checked')
    .execute();
  return rows.map((row) => JSON.parse(row.data));
}

async function outboxTypes(id: string): Promise<string[]> {
  const rows = await t.store.db
    .selectFrom('outbox_events')
    .select('type')
    .where('erratum_id', '=', id)
    .orderBy('created_at')
    .execute();
  return rows
    .map((row) => row.type)
    .filter((type) => type.startsWith('erratum.verified') || type === 'erratum.still_present');
}

describe('Rechecker.recheckPage', () => {
  /** A story that is the third of five <article> elements, between teasers that repeat its words. */
  const crowded = (sentence: string) => `<!doctype html><html><head><title>Bridge</title></head><body>
<article class="teaser"><h2>Harbour bridge</h2><p>Engineers from Roterdam will inspect the hinges.</p></article>
<article class="teaser"><h2>Ferry times</h2><p>The ferry runs every twenty minutes.</p></article>
<article class="story"><h1>Harbour bridge</h1>
<p>The old swing bridge closes for repairs on Monday.</p>
<p>${sentence}</p>
<p>Traffic will be diverted over the ring road until spring.</p></article>
<article class="comment"><p>Engineers from Roterdam will inspect the hinges, at last!</p></article>
<article class="teaser"><h2>Weather</h2><p>Rain all week.</p></article>
</body></html>`;

  it('should read the article the reader selected in, not the first one, on a page of many articles', async () => {
    pages.set('/news/bridge', crowded(TYPO));
    const input = reportOf(
      crowded(TYPO),
      'Roterdam',
      { site: 'courier-key', url },
      { root: { selector: 'article', index: 2 } },
    );
    const { erratum } = await report(ingest, input);

    await rechecker.recheckPage({ siteId: 'courier', url });
    expect((await findErratum(t.store.db, erratum.id))?.check.state).toBe('still_there');

    // The story is fixed; the teaser and a reader's comment still quote the old spelling.
    await markFixed(erratum.id);
    pages.set('/news/bridge', crowded(FIXED));
    await rechecker.recheckPage({ siteId: 'courier', url });
    const fixed = await findErratum(t.store.db, erratum.id);
    expect(fixed?.status).toBe('verified');
    expect(fixed?.check).toMatchObject({ state: 'replaced', replacedBy: 'Rotterdam' });
  });

  it('should find a report whose root is not found again as the reader had it (articles added by scripts)', async () => {
    pages.set('/news/bridge', crowded(TYPO));
    // The reader's browser had two more articles before the story than the served HTML has.
    const input = {
      ...reportOf(
        crowded(TYPO),
        'Roterdam',
        { site: 'courier-key', url },
        { root: { selector: 'article', index: 2 } },
      ),
      root: { selector: 'article', index: 4 },
    };
    const { erratum } = await report(ingest, input);
    await rechecker.recheckPage({ siteId: 'courier', url });
    expect((await findErratum(t.store.db, erratum.id))?.check.state).toBe('still_there');
  });

  it('should verify a fixed erratum whose typo was corrected, recording what replaced it', async () => {
    const id = await reportTypo();
    await markFixed(id);
    pages.set('/news/bridge', article(FIXED));

    const result = await rechecker.recheckPage({ siteId: 'courier', url });

    expect(result.fetched).toMatchObject({ ok: true, status: 200 });
    const erratum = await findErratum(t.store.db, id);
    expect(erratum?.status).toBe('verified');
    expect(erratum?.check).toMatchObject({ state: 'replaced', replacedBy: 'Rotterdam' });
    expect(await eventsOf(id)).toEqual([
      expect.objectContaining({
        verdict: 'replaced',
        replacedBy: 'Rotterdam',
        from: 'fixed',
        to: 'verified',
      }),
    ]);
    expect(await outboxTypes(id)).toEqual(['erratum.verified']);
    expect(events.map((e) => [e.cause, e.erratum.status])).toEqual([['check', 'verified']]);
  });

  it('should keep a fixed erratum fixed but say it is still on the page when the typo is still there', async () => {
    const id = await reportTypo();
    await markFixed(id);

    await rechecker.recheckPage({ siteId: 'courier', url });

    const erratum = await findErratum(t.store.db, id);
    expect(erratum?.status).toBe('fixed');
    expect(erratum?.check).toMatchObject({ state: 'still_there', reason: CHECK_REASONS.stillThere });
    expect(await outboxTypes(id)).toEqual(['erratum.still_present']);
    expect(events.map((e) => e.cause)).toEqual(['check']);
  });

  it('should warn about a fix not on the page even when the check before the fix found the same', async () => {
    const id = await reportTypo();
    await rechecker.recheckPage({ siteId: 'courier', url });
    expect((await findErratum(t.store.db, id))?.check.state).toBe('still_there');
    await markFixed(id);

    await rechecker.recheckPage({ siteId: 'courier', url });

    expect(await outboxTypes(id)).toEqual(['erratum.still_present']);
    expect(events.map((e) => [e.cause, e.erratum.status])).toEqual([
      ['check', 'open'],
      ['check', 'fixed'],
    ]);
    expect(await eventsOf(id)).toHaveLength(2);
  });

  it('should offer an open erratum whose quote was replaced as possibly fixed, for one-click confirmation', async () => {
    const id = await reportTypo();
    pages.set('/news/bridge', article(FIXED));

    await rechecker.recheckPage({ siteId: 'courier', url });

    const erratum = await findErratum(t.store.db, id);
    expect(erratum?.status).toBe('open');
    expect(erratum?.check).toMatchObject({ state: 'possibly_fixed', replacedBy: 'Rotterdam' });
    expect(await eventsOf(id)).toEqual([expect.objectContaining({ verdict: 'possibly_fixed' })]);
  });

  it('should say the sentence is no longer on the page when it was deleted', async () => {
    const id = await reportTypo();
    pages.set('/news/bridge', article('The council thanked the engineers.'));

    await rechecker.recheckPage({ siteId: 'courier', url });

    expect((await findErratum(t.store.db, id))?.check).toMatchObject({
      state: 'possibly_fixed',
      reason: 'the sentence is no longer on the page',
      replacedBy: null,
    });
  });

  it('should take a redirect to a page without any of its sentences for the page gone, not corrected', async () => {
    const id = await reportTypo();
    await markFixed(id);
    pages.set('/news/bridge', (_request, response) => response.writeHead(301, { location: '/' }).end());
    pages.set('/', article('Welcome to the Courier: today’s news.', 'The Courier'));

    const result = await rechecker.recheckPage({ siteId: 'courier', url });

    const reason = `the page now redirects to ${pages.origin}/`;
    expect(result.fetched).toMatchObject({ ok: false, reason });
    expect(await findErratum(t.store.db, id)).toMatchObject({
      status: 'fixed',
      check: { state: 'unreachable', reason },
    });
    expect(await findPageCheck(t.store.db, { siteId: 'courier', url })).toMatchObject({
      failures: 1,
      last_error: reason,
    });
  });

  it('should judge an article that moved to another address on its new page', async () => {
    const id = await reportTypo();
    await markFixed(id);
    pages.set('/news/bridge', (_request, response) =>
      response.writeHead(301, { location: '/news/2026/bridge' }).end(),
    );
    pages.set('/news/2026/bridge', article(FIXED));

    await rechecker.recheckPage({ siteId: 'courier', url });

    expect(await findErratum(t.store.db, id)).toMatchObject({
      status: 'verified',
      check: { state: 'replaced', replacedBy: 'Rotterdam' },
    });
  });

  it('should mark the errata of a page answering 500 unreachable, retry later, and verify once it is back', async () => {
    const id = await reportTypo();
    await markFixed(id);
    pages.set('/news/bridge', (_request, response) => response.writeHead(500).end('down'));

    const failed = await rechecker.recheckPage({ siteId: 'courier', url });

    expect(failed.fetched).toMatchObject({ ok: false, status: 500, reason: 'HTTP 500' });
    expect((await findErratum(t.store.db, id))?.check).toMatchObject({
      state: 'unreachable',
      reason: 'HTTP 500',
    });
    const planned = await findPageCheck(t.store.db, { siteId: 'courier', url });
    expect(planned).toMatchObject({ failures: 1, last_status: 500, last_error: 'HTTP 500' });
    expect(Date.parse(planned?.next_check_at ?? '')).toBeGreaterThan(Date.now());

    pages.set('/news/bridge', article(FIXED));
    await rechecker.recheckPage({ siteId: 'courier', url });

    expect((await findErratum(t.store.db, id))?.status).toBe('verified');
    expect(await findPageCheck(t.store.db, { siteId: 'courier', url })).toMatchObject({
      failures: 0,
      last_error: null,
      next_check_at: null, // nothing open or fixed is left on the page
    });
  });

  it('should wait longer after each failure in a row', async () => {
    await reportTypo();
    const nextAfterFailure = async () => {
      const before = Date.now();
      await rechecker.recheckPage({ siteId: 'courier', url });
      const row = await findPageCheck(t.store.db, { siteId: 'courier', url });
      return Date.parse(row?.next_check_at ?? '') - before;
    };
    pages.set('/news/bridge', (_request, response) => response.writeHead(404).end());
    const first = await nextAfterFailure();
    const second = await nextAfterFailure();
    expect(first).toBeGreaterThanOrEqual(60_000);
    expect(second).toBeGreaterThanOrEqual(120_000);
  });

  it('should honour a Retry-After longer than its own backoff', async () => {
    await reportTypo();
    pages.set('/news/bridge', (_request, response) =>
      response.writeHead(503, { 'retry-after': '3600' }).end(),
    );
    const before = Date.now();
    await rechecker.recheckPage({ siteId: 'courier', url });
    const row = await findPageCheck(t.store.db, { siteId: 'courier', url });
    expect(Date.parse(row?.next_check_at ?? '') - before).toBeGreaterThanOrEqual(3_600_000);
    expect(rechecker.politeness.readyTime(new URL(url).host)).toBeGreaterThanOrEqual(before + 3_600_000);
  });

  it('should ask with the page validators once every erratum was judged, and change nothing on 304', async () => {
    const id = await reportTypo();
    let served = 0;
    pages.set('/news/bridge', (request, response) => {
      served++;
      if (request.headers['if-none-match'] === '"rev-1"') return response.writeHead(304).end();
      response.writeHead(200, { 'content-type': 'text/html', etag: '"rev-1"' }).end(article(TYPO));
    });
    await rechecker.recheckPage({ siteId: 'courier', url });
    const second = await rechecker.recheckPage({ siteId: 'courier', url });

    expect(served).toBe(2);
    expect(second.fetched).toMatchObject({ ok: true, notModified: true });
    expect((await findErratum(t.store.db, id))?.check.state).toBe('still_there');
    expect(await eventsOf(id)).toHaveLength(1);
  });

  it('should fetch the whole page after a failed check instead of keeping its "unreachable" on a 304', async () => {
    const id = await reportTypo();
    let down = false;
    pages.set('/news/bridge', (request, response) => {
      if (down) return response.writeHead(500).end('down');
      if (request.headers['if-none-match'] === '"rev-1"') return response.writeHead(304).end();
      response.writeHead(200, { 'content-type': 'text/html', etag: '"rev-1"' }).end(article(TYPO));
    });
    await rechecker.recheckPage({ siteId: 'courier', url });
    down = true;
    await rechecker.recheckPage({ siteId: 'courier', url });
    expect((await findErratum(t.store.db, id))?.check.state).toBe('unreachable');
    down = false;

    const third = await rechecker.recheckPage({ siteId: 'courier', url });

    expect(pages.requests[2]?.headers['if-none-match']).toBeUndefined();
    expect(third.fetched).toMatchObject({ ok: true, status: 200, notModified: false });
    expect((await findErratum(t.store.db, id))?.check).toMatchObject({
      state: 'still_there',
      reason: CHECK_REASONS.stillThere,
    });
  });

  it('should not take a 304 to a request without validators for a verdict', async () => {
    const id = await reportTypo();
    pages.set('/news/bridge', (_request, response) => response.writeHead(304).end());

    const result = await rechecker.recheckPage({ siteId: 'courier', url });

    const reason = 'the server answered 304 Not Modified to a request for the whole page';
    expect(result.fetched).toMatchObject({ ok: false, status: 304, reason });
    expect((await findErratum(t.store.db, id))?.check).toMatchObject({ state: 'unreachable', reason });
  });

  it('should fetch the whole page again for an erratum marked fixed since the last check', async () => {
    const id = await reportTypo();
    pages.set('/news/bridge', (request, response) => {
      if (request.headers['if-none-match']) return response.writeHead(304).end();
      response.writeHead(200, { 'content-type': 'text/html', etag: '"rev-1"' }).end(article(FIXED));
    });
    await rechecker.recheckPage({ siteId: 'courier', url });
    await markFixed(id);
    await rechecker.recheckPage({ siteId: 'courier', url });
    expect((await findErratum(t.store.db, id))?.status).toBe('verified');
  });

  it('should record a fix once when two checks of the page overlap, here or on another instance', async () => {
    const id = await reportTypo();
    await markFixed(id);
    pages.set('/news/bridge', article(FIXED));
    const otherInstance = new Rechecker(t.store, {
      publicUrl: 'http://localhost',
      politeness: new HostPoliteness(0),
    });

    await Promise.all([
      rechecker.recheckPage({ siteId: 'courier', url }),
      rechecker.recheckPage({ siteId: 'courier', url }),
      otherInstance.recheckPage({ siteId: 'courier', url }),
    ]);

    expect((await findErratum(t.store.db, id))?.status).toBe('verified');
    expect(await eventsOf(id)).toHaveLength(1);
    expect(await outboxTypes(id)).toEqual(['erratum.verified']);
  });

  it('should leave rejected and spam errata alone', async () => {
    const id = await reportTypo();
    await changeErratumStatus(t.store.db, {
      id,
      status: 'rejected',
      actorId: null,
      eventId: newId(),
      now: new Date().toISOString(),
    });
    const result = await rechecker.recheckPage({ siteId: 'courier', url });
    expect(result).toMatchObject({ fetched: null, errata: [] });
    expect(pages.requests).toEqual([]);
  });

  it('should refuse to fetch a site not marked local on a loopback address, with the reason', async () => {
    const origin = `http://localhost:${pages.port}`;
    await addCheckedSite(t.store, 'outside', origin);
    const pageUrl = `${origin}/news/bridge`;
    const receipt = await report(
      ingest,
      reportOf(article(TYPO), 'Roterdam', { site: 'outside-key', url: pageUrl }),
    );

    const result = await rechecker.recheckPage({ siteId: 'outside', url: pageUrl });

    expect(result.fetched?.reason).toBe(
      'localhost is a loopback name: only public addresses are contacted unless the site is marked local',
    );
    expect((await findErratum(t.store.db, receipt.erratum.id))?.check.state).toBe('unreachable');
    expect(pages.requests).toEqual([]);
  });
});

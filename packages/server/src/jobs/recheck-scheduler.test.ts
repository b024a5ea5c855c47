import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newId } from '../base/ids.ts';
import { changeErratumStatus } from '../domain/decisions.ts';
import { DEMO_SITE } from '../domain/demo-site.ts';
import { Rechecker } from '../domain/recheck.ts';
import { ReportIngest } from '../domain/report-ingest.ts';
import { HostPoliteness } from '../fetch/host-politeness.ts';
import { findErratum } from '../store/errata-store.ts';
import { findPageCheck } from '../store/page-checks-store.ts';
import { type PageServer, startPageServer } from '../testing/page-server.ts';
import { addCheckedSite, article, report, reportOf } from '../testing/recheck-fixtures.ts';
import { openTestStore } from '../testing/test-app.ts';
import { RecheckScheduler } from './recheck-scheduler.ts';

const TYPO = 'Engineers from Roterdam will inspect the hinges before the bridge reopens.';
const FIXED = 'Engineers from Rotterdam will inspect the hinges before the bridge reopens.';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let t: Awaited<ReturnType<typeof openTestStore>>;
let pages: PageServer;
let ingest: ReportIngest;
let url: string;
let erratumId: string;

beforeEach(async () => {
  t = await openTestStore();
  pages = await startPageServer();
  ingest = new ReportIngest(t.store, 'test-key');
  await addCheckedSite(t.store, 'courier', pages.origin, { local: true });
  url = `${pages.origin}/news/bridge`;
  pages.set('/news/bridge', article(TYPO));
  const receipt = await report(ingest, reportOf(article(TYPO), 'Roterdam', { site: 'courier-key', url }));
  erratumId = receipt.erratum.id;
});
afterEach(async () => {
  await ingest.drained();
  await pages.close();
  await t.cleanup();
});

/** A scheduler as a freshly started server builds it: a new rechecker, nothing in memory. */
function scheduler(options: {
  delayMs: number;
  intervalMs: number | null;
  retryBaseMs?: number;
  politeness?: HostPoliteness;
  publicUrl?: string;
  demo?: { isOn: () => Promise<boolean> };
}) {
  const rechecker = new Rechecker(t.store, {
    publicUrl: options.publicUrl ?? 'http://localhost',
    politeness: options.politeness ?? new HostPoliteness(0),
    intervalMs: options.intervalMs,
    retryBaseMs: options.retryBaseMs ?? MINUTE,
  });
  return new RecheckScheduler(t.store, rechecker, options);
}

async function markFixed(at: Date): Promise<void> {
  await changeErratumStatus(t.store.db, {
    id: erratumId,
    status: 'fixed',
    actorId: null,
    eventId: newId(),
    now: at.toISOString(),
  });
}

describe('RecheckScheduler', () => {
  it('should check a page the set delay after an erratum on it is marked fixed, not before', async () => {
    const fixedAt = new Date();
    await markFixed(fixedAt);
    pages.set('/news/bridge', article(FIXED));
    const jobs = scheduler({ delayMs: 5 * MINUTE, intervalMs: null });

    expect(await jobs.runOnce(new Date(fixedAt.getTime() + MINUTE))).toEqual([]);
    expect(pages.requests).toEqual([]);
    expect((await findPageCheck(t.store.db, { siteId: 'courier', url }))?.next_check_at).toBe(
      new Date(fixedAt.getTime() + 5 * MINUTE).toISOString(),
    );

    const checks = await jobs.runOnce(new Date(fixedAt.getTime() + 5 * MINUTE));
    expect(checks.map((check) => check.url)).toEqual([url]);
    expect((await findErratum(t.store.db, erratumId))?.status).toBe('verified');
  });

  it('should still check a fix marked before a restart', async () => {
    const fixedAt = new Date();
    await markFixed(fixedAt);
    pages.set('/news/bridge', article(FIXED));
    await scheduler({ delayMs: 5 * MINUTE, intervalMs: null }).runOnce(fixedAt);

    // A new process: the plan is in the database, not in the old scheduler's memory.
    const restarted = scheduler({ delayMs: 5 * MINUTE, intervalMs: null });
    await restarted.runOnce(new Date(fixedAt.getTime() + 6 * MINUTE));
    expect((await findErratum(t.store.db, erratumId))?.status).toBe('verified');
  });

  it('should plan the periodic pass over pages with open errata and mark them possibly fixed', async () => {
    const now = new Date();
    pages.set('/news/bridge', article(FIXED));
    const jobs = scheduler({ delayMs: 5 * MINUTE, intervalMs: DAY });

    expect(await jobs.runOnce(now)).toEqual([]);
    expect((await findPageCheck(t.store.db, { siteId: 'courier', url }))?.next_check_at).toBe(
      new Date(now.getTime() + DAY).toISOString(),
    );

    await jobs.runOnce(new Date(now.getTime() + DAY));
    const erratum = await findErratum(t.store.db, erratumId);
    expect(erratum?.status).toBe('open');
    expect(erratum?.check).toMatchObject({ state: 'possibly_fixed', replacedBy: 'Rotterdam' });
  });

  it('should try an unreachable page again after its backoff, and not before', async () => {
    const fixedAt = new Date();
    await markFixed(fixedAt);
    pages.set('/news/bridge', (_request, response) => response.writeHead(404).end());
    const jobs = scheduler({ delayMs: 0, intervalMs: null, retryBaseMs: 10 * MINUTE });

    await jobs.runOnce(fixedAt);
    expect((await findErratum(t.store.db, erratumId))?.check).toMatchObject({
      state: 'unreachable',
      reason: 'HTTP 404',
    });
    pages.set('/news/bridge', article(FIXED));
    const retryAt = Date.parse(
      (await findPageCheck(t.store.db, { siteId: 'courier', url }))?.next_check_at ?? '',
    );

    expect(await jobs.runOnce(new Date(retryAt - 1000))).toEqual([]);
    await jobs.runOnce(new Date(retryAt));
    expect((await findErratum(t.store.db, erratumId))?.status).toBe('verified');
    expect(pages.requests).toHaveLength(2);
  });

  it('should not wait for a host that asked for a pause, but come back to its pages then', async () => {
    const fixedAt = new Date();
    await markFixed(fixedAt);
    const politeness = new HostPoliteness(0);
    const until = Date.now() + 60 * MINUTE;
    politeness.holdUntil(new URL(url).host, until);
    const jobs = scheduler({ delayMs: 0, intervalMs: null, politeness });

    expect(await jobs.runOnce(fixedAt)).toEqual([]);
    expect(pages.requests).toEqual([]);
    expect((await findPageCheck(t.store.db, { siteId: 'courier', url }))?.next_check_at).toBe(
      new Date(until).toISOString(),
    );
  });

  it("should not stall the poll for a page queued behind one whose host asks for an hour's pause", async () => {
    const fixedAt = new Date();
    const second = `${pages.origin}/news/second`;
    const busy = (_request: unknown, response: ServerResponse) =>
      response.writeHead(503, { 'retry-after': '3600' }).end();
    pages.set('/news/bridge', busy);
    pages.set('/news/second', busy);
    const receipt = await report(
      ingest,
      reportOf(article(TYPO), 'Roterdam', { site: 'courier-key', url: second }),
    );
    await markFixed(fixedAt);
    await changeErratumStatus(t.store.db, {
      id: receipt.erratum.id,
      status: 'fixed',
      actorId: null,
      eventId: newId(),
      now: fixedAt.toISOString(),
    });
    const before = Date.now();

    const checked = await scheduler({ delayMs: 0, intervalMs: null }).runOnce(fixedAt);

    expect(checked).toHaveLength(1);
    expect(pages.requests).toHaveLength(1);
    for (const page of [url, second]) {
      const row = await findPageCheck(t.store.db, { siteId: 'courier', url: page });
      expect(Date.parse(row?.next_check_at ?? '')).toBeGreaterThanOrEqual(before + 60 * MINUTE);
    }
  });

  it('should check a few pages of one host per poll and leave the rest due for the next', async () => {
    const fixedAt = new Date();
    await markFixed(fixedAt);
    for (let i = 1; i <= 5; i++) {
      const path = `/news/page-${i}`;
      pages.set(path, article(TYPO));
      const receipt = await report(
        ingest,
        reportOf(article(TYPO), 'Roterdam', { site: 'courier-key', url: `${pages.origin}${path}` }),
      );
      await changeErratumStatus(t.store.db, {
        id: receipt.erratum.id,
        status: 'fixed',
        actorId: null,
        eventId: newId(),
        now: fixedAt.toISOString(),
      });
    }
    const jobs = scheduler({ delayMs: 0, intervalMs: null });

    expect(await jobs.runOnce(fixedAt)).toHaveLength(4);
    expect(await jobs.runOnce(fixedAt)).toHaveLength(2);
    expect(new Set(pages.requests.map((request) => request.path)).size).toBe(6);
  });

  it('should not take a page another instance is checking', async () => {
    const fixedAt = new Date();
    await markFixed(fixedAt);
    let answer: () => void = () => {};
    pages.set('/news/bridge', (_request, response) => {
      answer = () => response.writeHead(200, { 'content-type': 'text/html' }).end(article(FIXED));
    });
    const first = scheduler({ delayMs: 0, intervalMs: null });
    const second = scheduler({ delayMs: 0, intervalMs: null });

    const firstRun = first.runOnce(fixedAt);
    await vi.waitFor(() => expect(pages.requests).toHaveLength(1));
    // While the first instance waits for the page, the second plans and looks for due pages.
    expect(await second.runOnce(new Date(fixedAt.getTime() + MINUTE))).toEqual([]);
    answer();

    expect((await firstRun).map((check) => check.url)).toEqual([url]);
    expect(pages.requests).toHaveLength(1);
    expect((await findErratum(t.store.db, erratumId))?.status).toBe('verified');
  });
});

describe('RecheckScheduler and the demo newsroom', () => {
  /** A fixed erratum on the demo site, whose page this server serves on its own address. */
  async function fixedDemoErratum(fixedAt: Date): Promise<string> {
    const demoUrl = `${pages.origin}/demo/bridge.html`;
    pages.set('/demo/bridge.html', article(TYPO));
    const { receipt } = await ingest.ingest(
      reportOf(article(TYPO), 'Roterdam', { site: DEMO_SITE.publicKey, url: demoUrl }),
      { ip: '203.0.113.9', origin: pages.origin, requestOrigin: pages.origin },
    );
    await changeErratumStatus(t.store.db, {
      id: receipt.erratum.id,
      status: 'fixed',
      actorId: null,
      eventId: newId(),
      now: fixedAt.toISOString(),
    });
    pages.set('/demo/bridge.html', article(FIXED));
    return demoUrl;
  }
  const demoOff = { isOn: async () => false };
  const demoOn = { isOn: async () => true };

  it("should not fetch the demo site's pages while the demo newsroom is off, and leave them due", async () => {
    const fixedAt = new Date();
    const demoUrl = await fixedDemoErratum(fixedAt);
    const jobs = scheduler({ delayMs: 0, intervalMs: null, publicUrl: pages.origin, demo: demoOff });

    expect(await jobs.runOnce(fixedAt)).toEqual([]);
    expect(pages.requests).toEqual([]);
    const check = await findPageCheck(t.store.db, { siteId: DEMO_SITE.id, url: demoUrl });
    expect(check?.next_check_at).toBe(fixedAt.toISOString());
  });

  it("should still check the other sites' pages while the demo newsroom is off", async () => {
    const fixedAt = new Date();
    await fixedDemoErratum(fixedAt);
    await markFixed(fixedAt);
    pages.set('/news/bridge', article(FIXED));
    const jobs = scheduler({ delayMs: 0, intervalMs: null, publicUrl: pages.origin, demo: demoOff });

    expect((await jobs.runOnce(fixedAt)).map((check) => check.url)).toEqual([url]);
    expect((await findErratum(t.store.db, erratumId))?.status).toBe('verified');
  });

  it("should check the demo site's pages while the demo newsroom is on", async () => {
    const fixedAt = new Date();
    const demoUrl = await fixedDemoErratum(fixedAt);
    const jobs = scheduler({ delayMs: 0, intervalMs: null, publicUrl: pages.origin, demo: demoOn });

    expect((await jobs.runOnce(fixedAt)).map((check) => check.url)).toEqual([demoUrl]);
  });
});

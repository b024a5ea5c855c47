import type { Browser, BrowserContext } from 'playwright-core';
import { type ScriptTime, scriptMainThreadTime, traceEvents } from './trace-attribution.ts';

/** Trace categories of DevTools' Performance panel: script evaluation, function calls, with thread times. */
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline'];
/**
 * How long a load is watched after the load event, for work the loader might put off (timers,
 * idle callbacks) and requests it might make late.
 */
export const SETTLE_MS = 200;

/** One cold load of an article page; the loader's URL is unique to the load, so the trace tells loads apart. */
export interface LoadTarget {
  pageUrl: string;
  loaderUrl: string;
}

/** What one cold load of an article page showed. */
export interface PageLoad {
  /** Main-thread time attributed to the loader's URL. */
  loader: ScriptTime;
  /** URLs requested other than the page and the loader. */
  otherRequests: string[];
  cookies: number;
  /** localStorage keys after the load (the loader may read its offline queue, not write). */
  storageKeys: number;
}

/**
 * Loads each target in turn, each in a fresh browser context (no cache, cookies or storage:
 * a first visit), with Chromium tracing on throughout (one trace for the batch: stopping a
 * trace costs more than a load). The contexts stay open until the trace is stopped: a
 * renderer that exits before may take its last trace events with it. Past `deadline` (a
 * performance.now() time) it loads no more targets and returns the loads done.
 */
export async function tracedLoads(
  browser: Browser,
  targets: readonly LoadTarget[],
  deadline = Number.POSITIVE_INFINITY,
): Promise<PageLoad[]> {
  const contexts: BrowserContext[] = [];
  const loads: Omit<PageLoad, 'loader'>[] = [];
  let trace: Buffer;
  try {
    await browser.startTracing(undefined, { categories: TRACE_CATEGORIES });
    try {
      for (const target of targets) {
        if (performance.now() > deadline) break;
        const context = await browser.newContext();
        contexts.push(context);
        loads.push(await coldLoad(context, target));
      }
    } finally {
      trace = await browser.stopTracing();
    }
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
  const events = traceEvents(trace);
  return loads.map((load, i) => ({ ...load, loader: scriptMainThreadTime(events, targets[i]!.loaderUrl) }));
}

/** Loads a page in a fresh context and watches it until SETTLE_MS after the load event. */
async function coldLoad(
  context: BrowserContext,
  { pageUrl, loaderUrl }: LoadTarget,
): Promise<Omit<PageLoad, 'loader'>> {
  const requests: string[] = [];
  context.on('request', (request) => {
    requests.push(request.url());
  });
  const page = await context.newPage();
  await page.goto(pageUrl, { waitUntil: 'load' });
  await page.waitForTimeout(SETTLE_MS);
  return {
    otherRequests: requests.filter((url) => url !== pageUrl && url !== loaderUrl),
    cookies: (await context.cookies()).length,
    storageKeys: await page.evaluate(() => localStorage.length),
  };
}

/**
 * Loads a page, selects the first paragraph of its article, and returns the URLs requested
 * after the selection: up to `waitMs` for the first, then a moment for any others.
 */
export async function requestsOnSelection(
  browser: Browser,
  pageUrl: string,
  waitMs: number,
): Promise<string[]> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(pageUrl, { waitUntil: 'load' });
    const requests: string[] = [];
    context.on('request', (request) => {
      requests.push(request.url());
    });
    await page.evaluate(() => {
      const paragraph = document.querySelector('article p:nth-of-type(2)');
      const selection = document.getSelection();
      if (!paragraph || !selection) throw new Error('the article page has no paragraph to select');
      selection.selectAllChildren(paragraph);
    });
    const deadline = Date.now() + waitMs;
    while (requests.length === 0 && Date.now() < deadline) await page.waitForTimeout(50);
    await page.waitForTimeout(SETTLE_MS);
    return requests;
  } finally {
    await context.close();
  }
}

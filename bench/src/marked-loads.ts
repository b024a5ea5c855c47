import type { Browser } from 'playwright-core';

/** The name of the performance.measure() entry a marked loader records. */
export const STARTUP_MEASURE = 'errata:startup';

/**
 * A built loader wrapped in performance marks for the bench (not shipped): a mark as its
 * first statement and a measure as its last, so the span is the synchronous start-up its
 * code runs, to the line. The script is compiled before its first statement runs, so the
 * span leaves compiling out (the trace figures count it).
 */
export function markedLoader(loader: string): string {
  return `performance.mark('${STARTUP_MEASURE}:start');\n${loader.trimEnd()}\nperformance.measure('${STARTUP_MEASURE}', '${STARTUP_MEASURE}:start');\n`;
}

/** What one cold load of a page with the marked loader recorded. */
export interface MarkedLoad {
  /** Duration of the STARTUP_MEASURE entry, ms. */
  startupMs: number;
  /** Whether the page was cross-origin isolated: then the clock ticks in 5 µs, else in 100 µs. */
  isolated: boolean;
}

/**
 * Loads each page in a fresh browser context (a first visit) and reads the loader's
 * start-up measure. The pages are served cross-origin isolated (COOP + COEP headers added
 * on the way), so performance.now() has its fine 5 µs resolution instead of 100 µs.
 * Past `deadline` (a performance.now() time) it loads no more pages and returns those done.
 */
export async function markedLoads(
  browser: Browser,
  pageUrls: readonly string[],
  deadline = Number.POSITIVE_INFINITY,
): Promise<MarkedLoad[]> {
  const loads: MarkedLoad[] = [];
  for (const pageUrl of pageUrls) {
    if (performance.now() > deadline) break;
    const context = await browser.newContext();
    try {
      await context.route(pageUrl, async (route) => {
        const response = await route.fetch();
        await route.fulfill({
          response,
          headers: {
            ...response.headers(),
            'cross-origin-opener-policy': 'same-origin',
            'cross-origin-embedder-policy': 'require-corp',
          },
        });
      });
      const page = await context.newPage();
      await page.goto(pageUrl, { waitUntil: 'load' });
      const handle = await page.waitForFunction(
        (name) => {
          const entry = performance.getEntriesByName(name, 'measure')[0];
          return entry ? { startupMs: entry.duration, isolated: crossOriginIsolated } : null;
        },
        STARTUP_MEASURE,
        { timeout: 5_000 },
      );
      loads.push((await handle.jsonValue()) as MarkedLoad);
    } finally {
      await context.close();
    }
  }
  return loads;
}

import { join } from 'node:path';
import { chromiumUnavailable, launchChromium } from '../../e2e/harness/browser.ts';
import { type ArticleSite, type PageKind, startArticleSite } from './article-site.ts';
import { budgeted, type Figure, type Measurement } from './figure.ts';
import { median } from './median.ts';
import { type PageLoad, requestsOnSelection, SETTLE_MS, tracedLoads } from './page-load.ts';
import { percentile } from './percentile.ts';
import { LOADER_FILE, widgetParts } from './widget-parts.ts';

/** The issue's budget for the loader's start-up work on the main thread. */
const STARTUP_BUDGET_MS = 1;
/** Seconds the measured loads may take in all; on a busy machine the run stops early and says so. */
const TIME_CAP_SECONDS = 90;
/** Pairs of loads (one of each page) per trace: one trace per load would cost more than the loads. */
const PAIRS_PER_TRACE = 5;
/** How long the selection check waits for the loader to prefetch its parts. */
const SELECTION_WAIT_MS = 5_000;

/**
 * The loader's start-up in headless Chromium: main-thread time (from traces) over many cold
 * loads of an article page, and what it asks of the network and of cookies before the reader
 * selects anything.
 */
export const widgetStartup: Measurement = {
  title: 'widget start-up in Chromium',
  async run(context) {
    const unavailable = chromiumUnavailable();
    if (unavailable) {
      context.log(`  skipped: ${unavailable}`);
      return [];
    }
    const dist = join(context.repoRoot, 'packages/widget/dist');
    widgetParts(dist); // fails early without a built loader
    const site = await startArticleSite(dist);
    const browser = await launchChromium();
    try {
      context.log(`  Chromium ${browser.version()}, ${site.origin}, ${context.pageLoads} loads of each page`);
      let next = 0;
      const targets = (kinds: PageKind[]) =>
        kinds.map((kind) => {
          const load = next++;
          return { kind, pageUrl: site.pageUrl(kind, load), loaderUrl: site.loaderUrl(load) };
        });
      await tracedLoads(browser, targets(['bare'])); // warm-up: the browser's own first-use costs, not counted
      const bare: PageLoad[] = [];
      const scripted: PageLoad[] = [];
      const deadline = performance.now() + TIME_CAP_SECONDS * 1000;
      let capped = false;
      while (bare.length < context.pageLoads && !capped) {
        // Interleaved, so drift (other processes, thermal) hits both pages alike.
        const pairs = Math.min(PAIRS_PER_TRACE, context.pageLoads - bare.length);
        const batch = targets(Array.from({ length: pairs }, () => ['bare', 'scripted'] as const).flat());
        const loads = await tracedLoads(browser, batch, deadline);
        for (const [i, load] of loads.entries()) (batch[i]!.kind === 'bare' ? bare : scripted).push(load);
        capped = loads.length < batch.length;
        context.log(
          `  ${bare.length} loads of each page${capped ? `: stopped, over ${TIME_CAP_SECONDS} s` : ''}`,
        );
      }
      // A load whose trace names the loader nowhere lost its events (or the loader did not run): left out, and said.
      const timed = (loads: PageLoad[]) => loads.filter((l) => l.loader.events > 0);
      const lost = bare.length + scripted.length - timed(bare).length - timed(scripted).length;
      if (timed(bare).length === 0 || timed(scripted).length === 0) {
        throw new Error(
          `no trace of ${LOADER_FILE} running in the loads of a page (${lost} of ${bare.length + scripted.length} lost)`,
        );
      }
      const onSelection = await requestsOnSelection(browser, site.pageUrl('bare', next), SELECTION_WAIT_MS);
      const setup = (loads: PageLoad[], page: string) =>
        `${timed(loads).length} cold loads${capped ? ` (cut at ${TIME_CAP_SECONDS} s)` : ''} ${page}, Chromium ${browser.version().split('.')[0]}` +
        (lost ? `; ${lost} loads left out, their trace lost` : '');
      return [
        ...startupFigures(
          'widget.startup',
          timed(bare),
          setup(bare, 'of the article with no other script'),
          true,
        ),
        ...startupFigures(
          'widget.startup_after_site_script',
          timed(scripted),
          setup(scripted, 'of the article whose own script ran first'),
          false,
        ),
        ...quietFigures([...bare, ...scripted]),
        selectionFigure(site, onSelection),
      ];
    } finally {
      await browser.close();
      await site.close();
    }
  },
};

/** Median and p95 of the loader's main-thread CPU time; the notes give the wall-clock time of the same events. */
function startupFigures(prefix: string, loads: PageLoad[], setup: string, budget: boolean): Figure[] {
  const cpu = loads.map((l) => l.loader.cpuMs);
  const wall = loads.map((l) => l.loader.wallMs);
  const later = loads.filter((l) => l.loader.events > 1).length;
  const figure = (stat: 'median' | 'p95', value: number, note: string): Figure => {
    const fields = { name: `${prefix}.${stat}_ms`, value: round(value), unit: 'ms', note };
    return budget ? budgeted({ ...fields, budget: STARTUP_BUDGET_MS }) : fields;
  };
  return [
    figure(
      'median',
      median(cpu),
      `main-thread CPU time of ${LOADER_FILE} (trace), ${setup}` +
        (later ? `; calls into it after its first run in ${later} loads` : ''),
    ),
    figure(
      'p95',
      percentile(cpu, 95),
      `wall-clock time of the same events: median ${round(median(wall))} ms, p95 ${round(percentile(wall, 95))} ms`,
    ),
  ];
}

/** Requests other than the page and the loader, and cookies, over all loads: both must be none. */
function quietFigures(loads: PageLoad[]): Figure[] {
  const requests = loads.flatMap((l) => l.otherRequests);
  const cookies = Math.max(...loads.map((l) => l.cookies));
  const storageKeys = Math.max(...loads.map((l) => l.storageKeys));
  const unique = [...new Set(requests)];
  return [
    budgeted({
      name: 'widget.requests_before_selection',
      value: requests.length,
      unit: 'count',
      budget: 0,
      note:
        `requests other than the page and ${LOADER_FILE}, until ${SETTLE_MS} ms after the load event, ${loads.length} loads` +
        (unique.length ? `: ${unique.slice(0, 3).join(', ')}${unique.length > 3 ? ' …' : ''}` : ''),
    }),
    budgeted({
      name: 'widget.cookies',
      value: cookies,
      unit: 'count',
      budget: 0,
      note: `most cookies after a load (context.cookies()); most localStorage keys: ${storageKeys}`,
    }),
  ];
}

/** The check that the request counting sees anything: selecting article text makes the loader fetch its parts. */
function selectionFigure(site: ArticleSite, requests: string[]): Figure {
  const files = requests.map((url) => new URL(url).pathname);
  return {
    name: 'widget.requests_on_selection',
    value: requests.length,
    unit: 'count',
    ok: requests.length > 0 && requests.every((url) => url.startsWith(`${site.origin}/widget/`)),
    note: `after selecting article text (prefetch): ${files.join(', ') || 'none'}`,
  };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

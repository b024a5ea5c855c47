import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { chromiumUnavailable, launchChromium } from '../../e2e/harness/browser.ts';
import { type ArticleSite, type PageKind, startArticleSite } from './article-site.ts';
import { budgeted, type Figure, type Measurement } from './figure.ts';
import { markedLoader, markedLoads } from './marked-loads.ts';
import { median } from './median.ts';
import { type PageLoad, requestsOnSelection, SETTLE_MS, tracedLoads } from './page-load.ts';
import { percentile } from './percentile.ts';
import { LOADER_FILE, widgetParts } from './widget-parts.ts';

/** The issue's budget for the loader's start-up work on the main thread. */
const STARTUP_BUDGET_MS = 1;
/** Seconds the traced loads may take in all; on a busy machine the run stops early and says so. */
const TIME_CAP_SECONDS = 120;
/** Seconds the loads with performance marks may take in all. */
const MARKS_TIME_CAP_SECONDS = 150;
/** Loads of each page with performance marks, at least (the issue: "over many loads"). */
const MARKED_LOADS_MIN = 50;
/** Rounds of loads (one of each kind) per trace: one trace per load would cost more than the loads. */
const ROUNDS_PER_TRACE = 5;
/** How long the selection check waits for the loader to prefetch its parts. */
const SELECTION_WAIT_MS = 5_000;

/**
 * Scripts served in the loader's place on the page with no other script, for what any first
 * script pays there: `empty` does nothing; `document` only reads document.currentScript, the
 * least an embed must do (the page's first touch of `document` builds its JavaScript wrapper).
 */
const BASELINES = { empty: 'void 0;\n', document: 'document.currentScript;\n' } as const;
type Baseline = keyof typeof BASELINES;
type LoadKind = PageKind | Baseline;

/**
 * The loader's start-up in headless Chromium over many cold loads of an article page:
 * - performance marks around its synchronous start-up (a bench-only copy with a mark as its
 *   first statement and a measure as its last; compiling comes before and is not in it);
 * - main-thread CPU time from traces: evaluating the script (compiling and running its top
 *   level), and the calls into it later (listeners, the idle-time check of its storage);
 * - the same trace figure for baseline scripts in its place, and the loader minus them;
 * and what it asks of the network and of cookies before the reader selects anything.
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
    const scratch = mkdtempSync(join(tmpdir(), 'errata-startup-'));
    const sites: ArticleSite[] = [];
    const browser = await launchChromium();
    try {
      /** A site serving `loader` as its widget.js. */
      const siteWith = async (name: string, loader: string) => {
        const dir = mkdtempSync(join(scratch, `${name}-`));
        writeFileSync(join(dir, LOADER_FILE), loader);
        const started = await startArticleSite(dir);
        sites.push(started);
        return started;
      };
      const site = await startArticleSite(dist);
      sites.push(site);
      const shipped = readFileSync(join(dist, LOADER_FILE), 'utf8');
      const baselineSites = {
        empty: await siteWith('empty', BASELINES.empty),
        document: await siteWith('document', BASELINES.document),
      };
      const marked = await siteWith('marked', markedLoader(shipped));
      context.log(
        `  Chromium ${browser.version()}, ${site.origin}, ${context.pageLoads} traced loads of each kind`,
      );

      let next = 0;
      const targets = (kinds: LoadKind[]) =>
        kinds.map((kind) => {
          const load = next++;
          const on = kind === 'bare' || kind === 'scripted' ? site : baselineSites[kind];
          const page: PageKind = kind === 'scripted' ? 'scripted' : 'bare';
          return { kind, pageUrl: on.pageUrl(page, load), loaderUrl: on.loaderUrl(load) };
        });
      const kinds: LoadKind[] = ['bare', 'scripted', 'empty', 'document'];
      await tracedLoads(browser, targets(kinds)); // warm-up: the browser's own first-use costs, not counted
      const traced = new Map<LoadKind, PageLoad[]>(kinds.map((kind) => [kind, []]));
      const deadline = performance.now() + TIME_CAP_SECONDS * 1000;
      let capped = false;
      let done = 0;
      while (done < context.pageLoads && !capped) {
        // Interleaved, so drift (other processes, thermal) hits every kind alike.
        const rounds = Math.min(ROUNDS_PER_TRACE, context.pageLoads - done);
        const batch = targets(Array.from({ length: rounds }, () => kinds).flat());
        const loads = await tracedLoads(browser, batch, deadline);
        for (const [i, load] of loads.entries()) traced.get(batch[i]!.kind)!.push(load);
        done = traced.get('document')!.length;
        capped = loads.length < batch.length;
        context.log(
          `  ${done} traced loads of each kind${capped ? `: stopped, over ${TIME_CAP_SECONDS} s` : ''}`,
        );
      }
      // A load whose trace names the script nowhere lost its events (or it did not run): left out, and said.
      const timed = (kind: LoadKind) => traced.get(kind)!.filter((l) => l.loader.events > 0);
      const all = [...traced.values()].flat();
      const lost = all.length - kinds.reduce((sum, kind) => sum + timed(kind).length, 0);
      for (const kind of kinds) {
        if (timed(kind).length === 0) {
          throw new Error(
            `no trace of the script running in the ${kind} loads (${lost} of ${all.length} lost)`,
          );
        }
      }
      const marks = await marksOf(
        browser,
        marked,
        Math.max(MARKED_LOADS_MIN, context.pageLoads),
        context.log,
      );
      const onSelection = await requestsOnSelection(browser, site.pageUrl('bare', next), SELECTION_WAIT_MS);
      const setup = (kind: LoadKind, page: string) =>
        `${timed(kind).length} cold loads${capped ? ` (cut at ${TIME_CAP_SECONDS} s)` : ''} ${page}, Chromium ${browser.version().split('.')[0]}` +
        (lost ? `; ${lost} loads of all kinds left out, their trace lost` : '');
      return [
        ...marksFigures(
          'widget.startup.marks',
          marks.bare,
          marks.isolated,
          'of the article with no other script',
          true,
        ),
        ...marksFigures(
          'widget.startup_after_site_script.marks',
          marks.scripted,
          marks.isolated,
          'of the article whose own script ran first',
          false,
        ),
        ...evaluationFigures(
          'widget.startup.cpu',
          timed('bare'),
          setup('bare', 'of the article with no other script'),
          true,
        ),
        ...evaluationFigures(
          'widget.startup_after_site_script.cpu',
          timed('scripted'),
          setup('scripted', 'of the article whose own script ran first'),
          false,
        ),
        ...baselineFigures(timed('bare'), { empty: timed('empty'), document: timed('document') }),
        ...totalFigures(
          'widget.startup',
          timed('bare'),
          setup('bare', 'of the article with no other script'),
        ),
        ...totalFigures(
          'widget.startup_after_site_script',
          timed('scripted'),
          setup('scripted', 'of the article whose own script ran first'),
        ),
        ...quietFigures(traced.get('bare')!.concat(traced.get('scripted')!)),
        selectionFigure(site, onSelection),
      ];
    } finally {
      await browser.close();
      await Promise.all(sites.map((s) => s.close()));
      rmSync(scratch, { recursive: true, force: true });
    }
  },
};

/** Loads of both pages with the marked loader, interleaved; their start-up spans in ms, and whether the clock was the fine one. */
async function marksOf(
  browser: Browser,
  site: ArticleSite,
  loads: number,
  log: (message: string) => void,
): Promise<{ bare: number[]; scripted: number[]; isolated: boolean }> {
  const urls = Array.from({ length: loads }, (_, i) => [
    site.pageUrl('bare', i),
    site.pageUrl('scripted', i),
  ]).flat();
  const deadline = performance.now() + MARKS_TIME_CAP_SECONDS * 1000;
  const done = await markedLoads(browser, urls, deadline);
  log(`  ${Math.floor(done.length / 2)} loads of each page with performance marks`);
  return {
    bare: done.filter((_, i) => i % 2 === 0).map((l) => l.startupMs),
    scripted: done.filter((_, i) => i % 2 === 1).map((l) => l.startupMs),
    isolated: done.every((l) => l.isolated),
  };
}

/** Median and p95 of the performance.measure span around the loader's synchronous start-up. */
function marksFigures(
  prefix: string,
  spans: number[],
  isolated: boolean,
  page: string,
  budget: boolean,
): Figure[] {
  const clock = isolated ? 'cross-origin isolated: 5 µs clock' : 'not cross-origin isolated: 100 µs clock';
  const note = `performance.mark/measure around the synchronous start-up of ${LOADER_FILE} (its first to last statement; compiling comes before and is not in it), ${spans.length} cold loads ${page} (${clock})`;
  const figure = (stat: 'median' | 'p95', value: number, text: string): Figure => {
    const fields = { name: `${prefix}.${stat}_ms`, value: round(value), unit: 'ms', note: text };
    return budget ? budgeted({ ...fields, budget: STARTUP_BUDGET_MS }) : fields;
  };
  return [figure('median', median(spans), note), figure('p95', percentile(spans, 95), 'the same spans')];
}

/** Median and p95 of the main-thread CPU time of evaluating the loader (compiling and running its top level). */
function evaluationFigures(prefix: string, loads: PageLoad[], setup: string, budget: boolean): Figure[] {
  const cpu = loads.map((l) => l.loader.evaluationCpuMs);
  const figure = (stat: 'median' | 'p95', value: number, note: string): Figure => {
    const fields = { name: `${prefix}.${stat}_ms`, value: round(value), unit: 'ms', note };
    return budget ? budgeted({ ...fields, budget: STARTUP_BUDGET_MS }) : fields;
  };
  return [
    figure(
      'median',
      median(cpu),
      `main-thread CPU time evaluating ${LOADER_FILE} (trace: compiling and running its top level, later calls not included), ${setup}`,
    ),
    figure('p95', percentile(cpu, 95), 'the same loads'),
  ];
}

/** The baseline scripts' evaluation time, and the loader's minus theirs (difference of the medians). */
function baselineFigures(loader: PageLoad[], baselines: Record<Baseline, PageLoad[]>): Figure[] {
  const evaluation = (loads: PageLoad[]) => median(loads.map((l) => l.loader.evaluationCpuMs));
  const own = evaluation(loader);
  return (Object.keys(baselines) as Baseline[]).flatMap((name) => {
    const base = evaluation(baselines[name]);
    const what =
      name === 'empty'
        ? 'an empty script'
        : 'a script that only reads document.currentScript (the least an embed does)';
    return [
      {
        name: `widget.startup.baseline_${name}.median_ms`,
        value: round(base),
        unit: 'ms',
        note: `main-thread CPU time evaluating ${what} in the loader's place, ${baselines[name].length} cold loads of the article with no other script`,
      },
      {
        name: `widget.startup.cpu_minus_${name}.median_ms`,
        value: round(own - base),
        unit: 'ms',
        note: `widget.startup.cpu.median_ms minus that: what the loader costs beyond ${what}`,
      },
    ];
  });
}

/** Median and p95 of all the main-thread CPU time the trace gives the loader: evaluating it and every later call into it. */
function totalFigures(prefix: string, loads: PageLoad[], setup: string): Figure[] {
  const cpu = loads.map((l) => l.loader.cpuMs);
  const later = loads.map((l) => l.loader.cpuMs - l.loader.evaluationCpuMs);
  const wall = loads.map((l) => l.loader.wallMs);
  return [
    {
      name: `${prefix}.median_ms`,
      value: round(median(cpu)),
      unit: 'ms',
      note:
        `all main-thread CPU time of ${LOADER_FILE} (trace), evaluation plus later calls (listeners, its idle-time look into localStorage), ${setup}; ` +
        `later calls alone: median ${round(median(later))} ms`,
    },
    {
      name: `${prefix}.p95_ms`,
      value: round(percentile(cpu, 95)),
      unit: 'ms',
      note: `wall-clock time of the same events: median ${round(median(wall))} ms, p95 ${round(percentile(wall, 95))} ms`,
    },
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

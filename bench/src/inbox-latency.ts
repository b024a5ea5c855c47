import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildApp,
  composeServices,
  createApiToken,
  DEFAULT_ASSETS,
  openStore,
  type Store,
} from '@errata/server';
import { SEED_DEFAULTS, type SeedSummary, seedErrata } from '@errata/server/testing';
import { budgeted, type Figure, type Measurement } from './figure.ts';
import { percentile } from './percentile.ts';

/**
 * Server time of the editorial inbox (GET /api/v1/errata) on a seeded database: the first
 * page, each filter, each order, a second page and full-text search, each asked REQUESTS
 * times through app.inject (no network) on the largest site, the worst case. The figure is
 * the wall-time p95; the note adds the p50 and the p95 of the CPU time used, which a busy
 * machine does not inflate.
 *
 * ERRATA_BENCH_SCALE=full seeds the 1,000,000 reports in 200,000 errata over 50
 * sites (a few minutes); the default, "small", a tenth of that so `npm run bench` stays
 * quick. ERRATA_BENCH_DB=<file> reuses (or keeps) a seeded file instead of a temporary one.
 */
const SCALES = {
  full: SEED_DEFAULTS,
  small: { reports: 100_000, errata: 20_000, sites: 50 },
} as const;
/** Requests measured per case, after WARMUP unmeasured ones. */
const REQUESTS = 100;
const WARMUP = 10;
/** The goals: p95 server time of a page and of a search. */
const PAGE_BUDGET_MS = 50;
const SEARCH_BUDGET_MS = 150;

export const inboxLatency: Measurement = {
  title: 'inbox latency',
  async run(context) {
    const scaleName = process.env.ERRATA_BENCH_SCALE || 'small';
    if (scaleName !== 'full' && scaleName !== 'small') {
      throw new Error(`ERRATA_BENCH_SCALE "${scaleName}" must be full or small`);
    }
    const scale = SCALES[scaleName];
    const keep = process.env.ERRATA_BENCH_DB;
    const dir = keep ? undefined : mkdtempSync(join(tmpdir(), 'errata-inbox-bench-'));
    const file = keep ?? join(dir as string, 'errata.db');
    const reuse = keep !== undefined && existsSync(file);
    const store = openStore(`sqlite:${file}`);
    try {
      let seeded: SeedSummary;
      if (reuse) {
        context.log(`reusing ${file}`);
        seeded = await summaryOf(store);
      } else {
        context.log(`seeding ${scale.reports} reports in ${scale.errata} errata over ${scale.sites} sites …`);
        const started = performance.now();
        seeded = await seedErrata(store, { ...scale, log: (m) => context.log(`  ${m}`) });
        context.log(`  seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }
      return await measure(store, seeded, scaleName, context.log);
    } finally {
      await store.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  },
};

async function summaryOf(store: Store): Promise<SeedSummary> {
  const largest = await store.db
    .selectFrom('errata')
    .select((eb) => ['site_id', eb.fn.countAll<number>().as('n')])
    .groupBy('site_id')
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const sites = await store.db.selectFrom('sites').select('id').execute();
  const users = await store.db.selectFrom('users').select('id').execute();
  return { siteIds: sites.map((s) => s.id), largestSite: largest.site_id, userIds: users.map((u) => u.id) };
}

async function measure(
  store: Store,
  seeded: SeedSummary,
  scale: string,
  log: (message: string) => void,
): Promise<Figure[]> {
  const services = await composeServices(store, {
    publicUrl: 'http://localhost',
  });
  const app = await buildApp({
    store,
    services,
    config: {
      publicUrl: 'http://localhost',
      reportsPerMinute: 1_000_000,
      trustProxy: 0,
      assets: DEFAULT_ASSETS,
    },
  });
  const site = seeded.largestSite;
  const headers = { authorization: `Bearer ${await createApiToken(store, site, 'inbox bench')}` };
  const size = await store.db
    .selectFrom('errata')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('site_id', '=', site)
    .executeTakeFirstOrThrow();
  log(`site ${site}: ${Number(size.n)} errata`);
  const get = async (query: string) => {
    const response = await app.inject({ url: `/api/v1/errata?site=${site}&${query}`, headers });
    if (response.statusCode !== 200) throw new Error(`${query}: ${response.statusCode} ${response.body}`);
    return response.json() as { items: unknown[]; next: string | null };
  };
  const week = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  const twoMonths = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
  const second = (await get('status=open')).next;
  const cases: [name: string, query: string, budget: number][] = [
    ['first_page', 'status=open', PAGE_BUDGET_MS],
    ['all_statuses', '', PAGE_BUDGET_MS],
    ['all_statuses_newest', 'sort=newest', PAGE_BUDGET_MS],
    ['second_page', `status=open&cursor=${second}`, PAGE_BUDGET_MS],
    ['sort_newest', 'status=open&sort=newest', PAGE_BUDGET_MS],
    ['sort_oldest', 'status=open&sort=oldest', PAGE_BUDGET_MS],
    ['sort_reports', 'status=open&sort=reports', PAGE_BUDGET_MS],
    ['status_fixed', 'status=fixed', PAGE_BUDGET_MS],
    ['kind_factual', 'status=open&kind=factual', PAGE_BUDGET_MS],
    ['desk', 'status=open&desk=Standards', PAGE_BUDGET_MS],
    ['assignee_user', `status=open&assignee=${seeded.userIds[0]}`, PAGE_BUDGET_MS],
    ['assignee_none', 'status=open&assignee=none', PAGE_BUDGET_MS],
    ['has_suggestion', 'status=open&hasSuggestion=true', PAGE_BUDGET_MS],
    ['no_suggestion', 'status=open&hasSuggestion=false', PAGE_BUDGET_MS],
    ['source', 'status=open&source=reader', PAGE_BUDGET_MS],
    ['from_last_week', `status=open&from=${week}`, PAGE_BUDGET_MS],
    ['to_two_months_ago', `status=open&to=${twoMonths}`, PAGE_BUDGET_MS],
    ['search_common', 'q=council', SEARCH_BUDGET_MS],
    ['search_rare', 'q=photo%20caption', SEARCH_BUDGET_MS],
    ['search_nothing', 'q=zeppelin', SEARCH_BUDGET_MS],
    ['search_open_factual', 'status=open&kind=factual&q=statement', SEARCH_BUDGET_MS],
  ];
  const figures: Figure[] = [];
  try {
    for (const [name, query, budget] of cases) {
      for (let i = 0; i < WARMUP; i++) await get(query);
      const times: number[] = [];
      // CPU time of this process per request: on a busy machine wall time also counts the
      // waits for a core, which says more about the neighbours than about the query.
      const cpuTimes: number[] = [];
      let items = 0;
      for (let i = 0; i < REQUESTS; i++) {
        const started = performance.now();
        const cpu = process.cpuUsage();
        const page = await get(query);
        const used = process.cpuUsage(cpu);
        times.push(performance.now() - started);
        cpuTimes.push((used.user + used.system) / 1000);
        items = page.items.length;
      }
      const p50 = percentile(times, 50);
      const p95 = percentile(times, 95);
      const cpuP95 = percentile(cpuTimes, 95);
      log(
        `  ${name}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, CPU p95 ${cpuP95.toFixed(1)} ms (${items} items)`,
      );
      figures.push(
        budgeted({
          name: `inbox.${name}.p95_ms`,
          value: Math.round(p95 * 10) / 10,
          unit: 'ms',
          budget,
          note: `p50 ${p50.toFixed(1)} ms, CPU p95 ${cpuP95.toFixed(1)} ms; ${items} items; ${scale} scale, largest site (${Number(size.n)} errata); ?${query.replace(/cursor=[^&]+/, 'cursor=…').replace(seeded.userIds[0] ?? '<none>', '<user>')}`,
        }),
      );
    }
  } finally {
    await app.close();
  }
  return figures;
}

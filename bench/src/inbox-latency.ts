import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  buildApp,
  composeServices,
  createApiToken,
  DEFAULT_ASSETS,
  migrateToLatest,
  openStore,
  type Store,
} from '@errata/server';
import {
  namedPostgresDatabase,
  postgresUnavailable,
  SEED_DEFAULTS,
  type SeedSummary,
  seedErrata,
} from '@errata/server/testing';
import { budgeted, type Figure, type Measurement } from './figure.ts';
import { percentile } from './percentile.ts';

/**
 * Server time of the editorial inbox (GET /api/v1/errata) on seeded databases: the first
 * page, each filter, each order, a second page and full-text search, each asked REQUESTS
 * times through app.inject (no network) on the largest site, the worst case. The figure is
 * the wall-time p95; the note adds the p50 and the p95 of the CPU time used, which a busy
 * machine does not inflate.
 *
 * It runs on SQLite and on PostgreSQL (a database of its own on the test server, dropped
 * after; skipped with the reason when the server cannot be reached), each with two seeds:
 * `spread`, the reports over 50 sites of different sizes, and `one_site`, all of them on one
 * site (a national publisher). ERRATA_BENCH_SCALE=full seeds the issue's 1,000,000 reports
 * in 200,000 errata (minutes per seed); the default, "small", a tenth of that so `npm run
 * bench` stays quick. ERRATA_BENCH_DB=<folder> keeps the seeded databases (SQLite files in
 * that folder, PostgreSQL databases named errata_bench_inbox_<scale>_<seed>) and reuses them
 * when they are there. ERRATA_BENCH_INBOX_DATABASES and ERRATA_BENCH_INBOX_SEEDS (comma
 * lists) run only some.
 */
const SCALES = {
  full: { reports: SEED_DEFAULTS.reports, errata: SEED_DEFAULTS.errata },
  small: { reports: 100_000, errata: 20_000 },
} as const;
const SEEDS = {
  spread: { sites: SEED_DEFAULTS.sites },
  one_site: { sites: 1 },
} as const;
const DATABASES = ['sqlite', 'postgres'] as const;
type DatabaseKind = (typeof DATABASES)[number];
type SeedName = keyof typeof SEEDS;
/** Requests measured per case, after WARMUP unmeasured ones. */
const REQUESTS = 100;
const WARMUP = 10;
/** The issue's goals: p95 server time of a page and of a search. */
const PAGE_BUDGET_MS = 50;
const SEARCH_BUDGET_MS = 150;
/** Where a seeded database says it was seeded to the end, and with what. */
const SEED_MARK = 'bench.inbox_seed';

export const inboxLatency: Measurement = {
  title: 'inbox latency',
  async run(context) {
    const scaleName = process.env.ERRATA_BENCH_SCALE || 'small';
    if (scaleName !== 'full' && scaleName !== 'small') {
      throw new Error(`ERRATA_BENCH_SCALE "${scaleName}" must be full or small`);
    }
    const databases = chosen('ERRATA_BENCH_INBOX_DATABASES', DATABASES);
    const seeds = chosen('ERRATA_BENCH_INBOX_SEEDS', Object.keys(SEEDS) as SeedName[]);
    const keepIn = process.env.ERRATA_BENCH_DB ? resolve(process.env.ERRATA_BENCH_DB) : undefined;
    const figures: Figure[] = [];
    for (const kind of databases) {
      if (kind === 'postgres') {
        const missing = await postgresUnavailable();
        if (missing) {
          context.log(`PostgreSQL skipped: ${missing}`);
          continue;
        }
      }
      for (const seed of seeds) {
        const options = { ...SCALES[scaleName], ...SEEDS[seed] };
        const log = (message: string) => context.log(`[${kind} ${seed}] ${message}`);
        const database = await benchDatabase(kind, `inbox_${scaleName}_${seed}`, keepIn);
        let store = openStore(database.url);
        try {
          const mark = JSON.stringify(options);
          let seeded = database.existed ? await reused(store, mark, log) : undefined;
          if (!seeded) {
            if (database.existed) {
              log(`${database.url} was not seeded to the end: seeding it anew`);
              await store.close();
              await database.clear();
              store = openStore(database.url);
            }
            log(
              `seeding ${options.reports} reports in ${options.errata} errata over ${options.sites} site(s) …`,
            );
            const started = performance.now();
            seeded = await seedErrata(store, { ...options, log: (m) => log(`  ${m}`) });
            const seconds = (performance.now() - started) / 1000;
            log(`  seeded in ${seconds.toFixed(1)} s`);
            await store.db.insertInto('settings').values({ key: SEED_MARK, value: mark }).execute();
            figures.push({
              name: `inbox.${kind}.${seed}.seed_s`,
              value: Math.round(seconds),
              unit: 's',
              note: `seeding ${options.reports} reports in ${options.errata} errata over ${options.sites} site(s), ${scaleName} scale`,
            });
          }
          figures.push(...(await measure(store, seeded, `${kind}.${seed}`, scaleName, log)));
        } finally {
          await store.close();
          await database.release();
        }
      }
    }
    return figures;
  },
};

/** The entries of a comma list in the environment, each one of `all`; all when unset. */
function chosen<T extends string>(variable: string, all: readonly T[]): T[] {
  const value = process.env[variable];
  if (!value) return [...all];
  const names = value.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !all.includes(name as T));
  if (unknown.length) throw new Error(`${variable}: ${unknown.join(', ')} is not one of ${all.join(', ')}`);
  return names as T[];
}

interface BenchDatabase {
  url: string;
  /** Whether it was there already (kept by an earlier run). */
  existed: boolean;
  /** Empties it, to seed it anew. */
  clear(): Promise<void>;
  /** Drops it, unless it is kept. */
  release(): Promise<void>;
}

/** A database to seed: kept under `keepIn` (reused when there), else temporary. */
async function benchDatabase(
  kind: DatabaseKind,
  name: string,
  keepIn: string | undefined,
): Promise<BenchDatabase> {
  if (kind === 'sqlite') {
    const dir = keepIn ?? mkdtempSync(join(tmpdir(), 'errata-inbox-bench-'));
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${name}.db`);
    const remove = () => {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    };
    return {
      url: `sqlite:${file}`,
      existed: existsSync(file),
      clear: async () => remove(),
      release: async () => {
        if (!keepIn) rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const database = await namedPostgresDatabase(
    keepIn ? `errata_bench_${name}` : `errata_bench_${name.replace(/^inbox_/, `inbox_${process.pid}_`)}`,
  );
  return {
    url: database.url,
    existed: database.existed,
    clear: async () => {
      await database.drop();
      await namedPostgresDatabase(new URL(database.url).pathname.slice(1));
    },
    release: async () => {
      if (!keepIn) await database.drop();
    },
  };
}

/** A kept database's seed, brought up to date (the migrations since timed); undefined unless it was seeded to the end with `mark`. */
async function reused(
  store: Store,
  mark: string,
  log: (message: string) => void,
): Promise<SeedSummary | undefined> {
  const seeded = await store.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', SEED_MARK)
    .executeTakeFirst()
    .catch(() => undefined);
  if (seeded?.value !== mark) return undefined;
  const started = performance.now();
  const applied = await migrateToLatest(store.db);
  if (applied.length) {
    log(`migrated (${applied.join(', ')}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  log('reusing the seeded database');
  const largest = await store.db
    .selectFrom('errata')
    .select((eb) => ['site_id', eb.fn.countAll<number>().as('n')])
    .groupBy('site_id')
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const sites = await store.db.selectFrom('sites').select('id').orderBy('id').execute();
  const users = await store.db.selectFrom('users').select('id').orderBy('id').execute();
  return { siteIds: sites.map((s) => s.id), largestSite: largest.site_id, userIds: users.map((u) => u.id) };
}

async function measure(
  store: Store,
  seeded: SeedSummary,
  prefix: string,
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
    // Dates against the order: the newest errata come first, the oldest reported first.
    ['all_statuses_to_two_months_ago', `to=${twoMonths}`, PAGE_BUDGET_MS],
    ['sort_oldest_from_last_week', `status=open&sort=oldest&from=${week}`, PAGE_BUDGET_MS],
    // A word in about one erratum in eight, a phrase in one in a thousand, a word typed in part.
    ['search_common', 'q=council', SEARCH_BUDGET_MS],
    ['search_rare', 'q=wrong%20festival', SEARCH_BUDGET_MS],
    ['search_partial', 'q=floodi', SEARCH_BUDGET_MS],
    ['search_nothing', 'q=zeppelin', SEARCH_BUDGET_MS],
    ['search_open_factual', 'status=open&kind=factual&q=statement', SEARCH_BUDGET_MS],
    ['search_rare_open_factual', 'status=open&kind=factual&q=mean%20harbour', SEARCH_BUDGET_MS],
    // Two letters no trigram serves, found nowhere: the search reads the whole site.
    ['search_short_nothing', 'q=zq', SEARCH_BUDGET_MS],
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
          name: `inbox.${prefix}.${name}.p95_ms`,
          value: Math.round(p95 * 10) / 10,
          unit: 'ms',
          budget,
          note: `p50 ${p50.toFixed(1)} ms, CPU p95 ${cpuP95.toFixed(1)} ms; ${items} items; ${scale} scale, largest site (${Number(size.n)} errata); ?${query.replace(/cursor=[^&]+/, 'cursor=…').replace(seeded.userIds[0] ?? '<none>', '<user>')}`,
        }),
      );
    }
  } finally {
    await app.close();
    await services.ingest.drained();
  }
  return figures;
}

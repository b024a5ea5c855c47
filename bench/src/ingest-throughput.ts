import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '@errata/server';
import {
  analyzePostgres,
  createTestDatabase,
  freePort,
  type PostgresHousekeeping,
  postgresHousekeeping,
  redisUnavailable,
  type ServerProcess,
  startServerProcess,
  TEST_REDIS_URL,
} from '@errata/server/testing';
import { type BenchContext, budgeted, type Figure, type Measurement } from './figure.ts';
import { type LoadOptions, type LoadResult, runLoad } from './load-run.ts';
import { median } from './median.ts';
import { ownCpuSeconds, processCpuSeconds, processPeakRssBytes } from './process-cpu.ts';
import { reportBodies } from './report-bodies.ts';

/** Seconds of load before each measured run, thrown away (JIT, caches, SQLite pages). */
const WARMUP_SECONDS = 2;
/** The most memory one server may hold during the runs (issue 12's goal for one box). */
const RSS_BUDGET_MB = 250;
/** Ingest ÷ no-op a prototype measured on this kind of machine for SQLite with one transaction per event-loop tick. */
const PROTOTYPE_RATIO = '0.25–0.30';

/** The longest the bench waits for the servers to group what they acknowledged. */
const GROUPING_WAIT_MS = 120_000;

/** The address several instances are reached at, as behind a load balancer (which says so in X-Forwarded-Host). */
const BALANCED_URL = 'http://errata.bench';

/** Where the reports go: the database, and how many instances share the load. */
interface IngestSetup {
  title: string;
  /** Leads every figure's name ('' for SQLite, whose figures keep their first names). */
  prefix: string;
  database: 'sqlite' | 'postgres';
  instances: number;
}

/**
 * Reports per second the real server accepts (201, durable) compared with a no-op JSON
 * route on the same server, interleaved round by round so drift hits both alike. With two
 * instances (on PostgreSQL, sharing rate limits through Redis when it runs) the connections
 * are split between them and their rates added.
 */
function ingestMeasurement(setup: IngestSetup): Measurement {
  return {
    title: setup.title,
    async run(context) {
      const dataDir = mkdtempSync(join(tmpdir(), 'errata-bench-'));
      const database =
        setup.database === 'postgres'
          ? await createTestDatabase('postgres')
          : { url: `sqlite:${join(dataDir, 'errata.db')}`, drop: async () => {} };
      const shareRedis = setup.instances > 1 && (await redisUnavailable()) === null;
      const servers: ServerProcess[] = [];
      try {
        for (let n = 0; n < setup.instances; n++) {
          const port = await freePort();
          context.log(`starting ${setup.database} instance ${n + 1} on 127.0.0.1:${port} …`);
          servers.push(
            await startServerProcess({
              cwd: context.repoRoot,
              port,
              dataDir,
              env: {
                ERRATA_REPORTS_PER_MINUTE: '1000000000',
                ERRATA_BENCH_ROUTES: '1',
                ERRATA_DATABASE_URL: database.url,
                ...(setup.instances > 1 ? { ERRATA_PUBLIC_URL: BALANCED_URL, ERRATA_TRUST_PROXY: '1' } : {}),
                ...(shareRedis
                  ? { ERRATA_REDIS_URL: TEST_REDIS_URL, ERRATA_REDIS_PREFIX: `errata-bench:${port}:` }
                  : {}),
              },
            }),
          );
        }
        let runs: Runs;
        let peakRss: (number | undefined)[] = [];
        try {
          runs = await measure(context, servers, database.url);
          peakRss = servers.map((server) => processPeakRssBytes(server.pid));
        } finally {
          context.log('stopping …');
          for (const server of servers) {
            const code = await server.stop();
            if (code !== 0) context.log(`a server exited with code ${code}:\n${server.output().trim()}`);
          }
        }
        if (runs.troubled)
          context.log(`server output (errors seen):\n${servers.map((s) => s.output().trim()).join('\n')}`);
        const note =
          setup.instances > 1 ? `${setup.instances} instances${shareRedis ? ' sharing Redis' : ''}, ` : '';
        return [
          ...loadFigures(context, runs, setup.prefix, `${note}${setup.database}`),
          ...memoryFigures(peakRss, setup.prefix),
          ...(await databaseFigures(database.url, runs, setup.prefix)),
        ];
      } finally {
        await database.drop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

export const ingestThroughput = ingestMeasurement({
  title: 'ingest throughput',
  prefix: '',
  database: 'sqlite',
  instances: 1,
});
export const ingestThroughputPostgres = ingestMeasurement({
  title: 'ingest throughput on PostgreSQL',
  prefix: 'pg.',
  database: 'postgres',
  instances: 1,
});
export const ingestThroughputTwoInstances = ingestMeasurement({
  title: 'ingest throughput on PostgreSQL, two instances',
  prefix: 'pg2.',
  database: 'postgres',
  instances: 2,
});

/** A measured run, with the CPU share each side used during it. */
interface MeasuredRun extends LoadResult {
  /** CPU time ÷ wall time, 1 = one core busy; undefined where /proc is missing. */
  serverCpu: number | undefined;
  benchCpu: number;
  /** Reports acknowledged and not yet grouped when the load stopped, and the seconds until none was left. */
  backlogAtEnd?: number;
  drainSeconds?: number;
  /** Acknowledged reports ÷ (load + drain seconds): the rate of the whole write path, grouping included. */
  groupedPerSecond?: number;
}

interface Runs {
  noop: MeasuredRun[];
  ingest: MeasuredRun[];
  /** Every run, warm-ups included: they count for errors and for the stored-reports check. */
  all: { noop: LoadResult[]; ingest: LoadResult[] };
  bodyBytes: number;
  troubled: boolean;
}

async function measure(context: BenchContext, servers: ServerProcess[], databaseUrl: string): Promise<Runs> {
  const balanced = servers.length > 1;
  const origin = balanced ? BALANCED_URL : (servers[0] as ServerProcess).origin;
  const headers: Record<string, string> = balanced ? { 'x-forwarded-host': new URL(BALANCED_URL).host } : {};
  const nextReport = reportBodies(origin);
  let bodyBytes = 0;
  let bodies = 0;
  const nextBody = () => {
    const body = nextReport();
    bodyBytes += Buffer.byteLength(body);
    bodies++;
    return body;
  };
  // The connections split between the instances (the first ones take what does not divide).
  const share = (n: number) =>
    Math.floor(context.connections / servers.length) + (n < context.connections % servers.length ? 1 : 0);
  const noopOptions = servers.map((server, n) => ({
    url: `${server.origin}/api/v1/bench/noop`,
    okStatus: 200,
    connections: share(n),
    headers,
    // The same size and shape as a report: the no-op pays for JSON parsing too.
    body: reportBodies(origin, 2)(),
  }));
  const ingestOptions = servers.map((server, n) => ({
    url: `${server.origin}/api/v1/reports`,
    okStatus: 201,
    connections: share(n),
    headers,
    nextBody,
  }));
  const runs: Runs = { noop: [], ingest: [], all: { noop: [], ingest: [] }, bodyBytes: 0, troubled: false };
  const warmup = Math.min(WARMUP_SECONDS, context.durationSeconds);
  const pids = servers.map((s) => s.pid);
  const serversCpu = () => {
    const each = pids.map((pid) => processCpuSeconds(pid));
    return each.some((c) => c === undefined) ? undefined : each.reduce((a, b) => (a ?? 0) + (b ?? 0), 0);
  };

  // As the server opens it: on SQLite the intake is a file of its own.
  const intake = openStore(databaseUrl, { intakeApart: true });
  const isPostgres = intake.kind === 'postgres';
  const once = async (
    label: string,
    options: Omit<LoadOptions, 'seconds'>[],
    into: MeasuredRun[],
    all: LoadResult[],
    grouped = false,
  ) => {
    all.push(await loadAll(options, warmup));
    if (grouped) {
      await untilGrouped(intake);
      // The statistics autovacuum would keep (CI's PostgreSQL has it off), outside the measured run.
      if (isPostgres) await analyzePostgres(databaseUrl);
    }
    const started = { wall: performance.now(), server: serversCpu(), bench: ownCpuSeconds() };
    const load = await loadAll(options, context.durationSeconds);
    const wall = (performance.now() - started.wall) / 1000;
    const serverNow = serversCpu();
    const result: MeasuredRun = {
      ...load,
      serverCpu:
        serverNow === undefined || started.server === undefined
          ? undefined
          : (serverNow - started.server) / wall,
      benchCpu: (ownCpuSeconds() - started.bench) / wall,
    };
    if (grouped) {
      const drain = await untilGrouped(intake);
      result.backlogAtEnd = drain.backlog;
      result.drainSeconds = drain.seconds;
      result.groupedPerSecond = result.okCount / (wall + drain.seconds);
    }
    all.push(result);
    into.push(result);
    const problems = result.unexpectedCount + result.errors;
    context.log(
      `  ${label}: ${Math.round(result.okPerSecond)} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ` +
        `CPU ${cpuNote([result])}` +
        (grouped
          ? `; ${result.backlogAtEnd} left to group, grouped in ${round(result.drainSeconds ?? 0, 1)} s more: ${Math.round(result.groupedPerSecond ?? 0)} grouped/s`
          : '') +
        (problems ? `, ${result.unexpectedCount} unexpected statuses, ${result.errors} errors` : ''),
    );
  };

  try {
    for (let round = 1; round <= context.rounds; round++) {
      context.log(
        `round ${round}/${context.rounds} (${warmup} s warm-up + ${context.durationSeconds} s each)`,
      );
      await once('no-op ', noopOptions, runs.noop, runs.all.noop);
      await once('ingest', ingestOptions, runs.ingest, runs.all.ingest, true);
    }
  } finally {
    await intake.close();
  }
  runs.bodyBytes = bodies ? Math.round(bodyBytes / bodies) : 0;
  runs.troubled = [...runs.all.noop, ...runs.all.ingest].some((r) => r.unexpectedCount + r.errors > 0);
  return runs;
}

/** Runs the loads side by side (one per instance): rates and counts add up, p50 is the median, p99 the worst. */
async function loadAll(options: Omit<LoadOptions, 'seconds'>[], seconds: number): Promise<LoadResult> {
  const results = await Promise.all(options.map((o) => runLoad({ ...o, seconds })));
  if (results.length === 1) return results[0] as LoadResult;
  const unexpected: Record<string, number> = {};
  for (const r of results)
    for (const [status, n] of Object.entries(r.unexpected))
      unexpected[status] = (unexpected[status] ?? 0) + n;
  const sum = (pick: (r: LoadResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  return {
    okCount: sum((r) => r.okCount),
    okPerSecond: sum((r) => r.okPerSecond),
    p50Ms: median(results.map((r) => r.p50Ms)),
    p99Ms: Math.max(...results.map((r) => r.p99Ms)),
    unexpected,
    unexpectedCount: sum((r) => r.unexpectedCount),
    errors: sum((r) => r.errors),
    seconds,
    connections: sum((r) => r.connections),
  };
}

function loadFigures(context: BenchContext, runs: Runs, prefix: string, where: string): Figure[] {
  const setup = `${where}, median of ${context.rounds} × ${context.durationSeconds} s, ${context.connections} connections`;
  const noopRate = median(runs.noop.map((r) => r.okPerSecond));
  const ingestRate = median(runs.ingest.map((r) => r.okPerSecond));
  const groupedRate = median(runs.ingest.map((r) => r.groupedPerSecond ?? 0));
  const perRound = (results: MeasuredRun[]) =>
    `rounds ${results.map((r) => Math.round(r.okPerSecond)).join(', ')}; CPU ${cpuNote(results)}`;
  return [
    {
      name: `${prefix}noop.req_per_s`,
      value: Math.round(noopRate),
      unit: 'req/s',
      note: `POST /api/v1/bench/noop, ${setup}; ${perRound(runs.noop)}`,
    },
    ...latencyFigures(`${prefix}noop`, runs.noop),
    ...problemFigures(`${prefix}noop`, 200, runs.all.noop),
    {
      name: `${prefix}ingest.req_per_s`,
      value: Math.round(ingestRate),
      unit: 'req/s',
      note: `201s only, ~${runs.bodyBytes} B bodies, ${setup}; ${perRound(runs.ingest)}`,
    },
    ...latencyFigures(`${prefix}ingest`, runs.ingest),
    ...problemFigures(`${prefix}ingest`, 201, runs.all.ingest),
    {
      name: `${prefix}ingest.ratio_to_noop`,
      value: round(ingestRate / noopRate, 3),
      unit: '×',
      note: `ingest ÷ no-op req/s; prototype ${PROTOTYPE_RATIO} (SQLite, one transaction per tick, wrk)`,
    },
    {
      name: `${prefix}ingest.grouped_per_s`,
      value: Math.round(groupedRate),
      unit: 'req/s',
      note: `201s ÷ (load + the seconds until every acknowledged report was grouped into its erratum): the whole write path; rounds ${runs.ingest.map((r) => Math.round(r.groupedPerSecond ?? 0)).join(', ')}`,
    },
    {
      name: `${prefix}ingest.grouped_ratio_to_noop`,
      value: round(groupedRate / noopRate, 3),
      unit: '×',
      note: 'grouped ÷ no-op req/s',
    },
    {
      name: `${prefix}ingest.backlog_at_end`,
      value: median(runs.ingest.map((r) => r.backlogAtEnd ?? 0)),
      unit: 'count',
      note: `reports acknowledged and not yet grouped when the load stopped (acknowledging paced past 5,000, 503 past 20,000); grouped within ${runs.ingest.map((r) => round(r.drainSeconds ?? 0, 1)).join(', ')} s`,
    },
  ];
}

/** The largest peak resident memory of the servers over all the runs; none where /proc is missing. */
function memoryFigures(peakRss: (number | undefined)[], prefix: string): Figure[] {
  const known = peakRss.filter((bytes): bytes is number => bytes !== undefined);
  if (known.length === 0 || known.length < peakRss.length) return [];
  const mb = Math.round(Math.max(...known) / 1e6);
  return [
    budgeted({
      name: `${prefix}server.rss_peak_mb`,
      value: mb,
      unit: 'MB',
      budget: RSS_BUDGET_MB,
      note: `most resident memory of ${peakRss.length > 1 ? 'one instance' : 'the server'} (VmHWM, 10⁶ bytes) from start to the end of the last run, warm-ups and no-op runs included`,
    }),
  ];
}

/** "server 97 %, bench 71 %": median CPU share of each side (100 % = one core), to see which side was saturated. */
function cpuNote(results: MeasuredRun[]): string {
  const server = results.flatMap((r) => (r.serverCpu === undefined ? [] : [r.serverCpu]));
  const percent = (share: number) => `${Math.round(100 * share)} %`;
  const serverPart = server.length ? `server ${percent(median(server))}, ` : '';
  return `${serverPart}bench ${percent(median(results.map((r) => r.benchCpu)))}`;
}

function latencyFigures(prefix: string, results: LoadResult[]): Figure[] {
  const note = 'median over rounds of each run’s percentile';
  return [
    { name: `${prefix}.p50_ms`, value: median(results.map((r) => r.p50Ms)), unit: 'ms', note },
    { name: `${prefix}.p99_ms`, value: median(results.map((r) => r.p99Ms)), unit: 'ms', note },
  ];
}

/** Responses with another status, and requests with no response: both must be zero. */
function problemFigures(prefix: string, okStatus: number, results: LoadResult[]): Figure[] {
  const statuses: Record<string, number> = {};
  for (const result of results) {
    for (const [status, count] of Object.entries(result.unexpected)) {
      statuses[status] = (statuses[status] ?? 0) + count;
    }
  }
  const unexpected = Object.values(statuses).reduce((a, b) => a + b, 0);
  const errors = results.reduce((total, r) => total + r.errors, 0);
  const byStatus = Object.entries(statuses)
    .map(([status, count]) => `${status}: ${count}`)
    .join(', ');
  return [
    {
      name: `${prefix}.non_${okStatus}`,
      value: unexpected,
      unit: 'count',
      budget: 0,
      ok: unexpected === 0,
      note: `responses other than ${okStatus}, warm-ups included${byStatus ? `; ${byStatus}` : ''}`,
    },
    {
      name: `${prefix}.errors`,
      value: errors,
      unit: 'count',
      budget: 0,
      ok: errors === 0,
      note: 'connection errors and timeouts, warm-ups included',
    },
  ];
}

/**
 * The dead rows the run left on PostgreSQL: every report is written to the intake and deleted
 * from it, and every report joining an erratum leaves its old row version. Without the
 * server's autovacuum (off on CI's server) they pile up, and later rounds run on a database
 * holding them; the note says which kind of server this was.
 */
async function deadRowsFigure(url: string, prefix: string): Promise<Figure> {
  const housekeeping = await postgresHousekeeping(url, ['report_intake', 'errata', 'reports']);
  const intake = housekeeping.tables[0] as PostgresHousekeeping['tables'][number];
  return {
    name: `${prefix}db.intake_dead_rows`,
    value: intake.dead,
    unit: 'count',
    note: `dead row versions left in the intake (PostgreSQL's statistics); errata ${housekeeping.tables[1]?.dead}, reports ${housekeeping.tables[2]?.dead}; this server: autovacuum ${housekeeping.autovacuum}, shared_buffers ${housekeeping.sharedBuffers}; the bench ran ANALYZE before each measured ingest run`,
  };
}

/** Reads the stopped servers' database: were the accepted reports stored, and grouped? */
async function databaseFigures(url: string, runs: Runs, prefix: string): Promise<Figure[]> {
  const store = openStore(url, { intakeApart: true });
  try {
    const count = async (table: 'reports' | 'report_intake' | 'errata') =>
      Number(
        (
          await (table === 'report_intake' ? store.intake : store.db)
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const reports = (await count('reports')) + (await count('report_intake'));
    const errata = await count('errata');
    const acknowledged = runs.all.ingest.reduce((total, r) => total + r.okCount, 0);
    // A run ends with up to one request per connection in flight: the server stores it, but
    // autocannon has closed the connection and never counts its 201.
    const inFlight = runs.all.ingest.reduce((total, r) => total + r.connections, 0);
    return [
      {
        name: `${prefix}db.reports`,
        value: reports,
        unit: 'count',
        ok: reports >= acknowledged && reports <= acknowledged + inFlight,
        note: `reports stored after the run (grouped or in the intake); 201s received ${acknowledged} (warm-ups included), plus ≤ ${inFlight} cut off in flight`,
      },
      {
        name: `${prefix}db.errata`,
        value: errata,
        unit: 'count',
        note: `${round((100 * errata) / Math.max(reports, 1), 1)} % of reports opened a new erratum; ${round(reports / Math.max(errata, 1), 2)} reports per erratum`,
      },
      ...(store.kind === 'postgres' ? [await deadRowsFigure(url, prefix)] : []),
    ];
  } finally {
    await store.close();
  }
}

/** Waits until no acknowledged report waits to be grouped; says how many waited at first, and for how long. */
async function untilGrouped(store: Store): Promise<{ backlog: number; seconds: number }> {
  const started = performance.now();
  const backlog = Number(
    (
      await store.intake
        .selectFrom('report_intake')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  // Polled through the primary key's index, not counted: on PostgreSQL a count of a table that
  // churns scans its dead rows, in parallel workers taking the cores grouping needs.
  const anyWaiting = async () =>
    (await store.intake.selectFrom('report_intake').select('id').orderBy('id').limit(1).execute()).length > 0;
  let waiting = backlog > 0;
  while (waiting) {
    if (performance.now() - started > GROUPING_WAIT_MS)
      throw new Error(`reports still ungrouped after ${GROUPING_WAIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    waiting = await anyWaiting();
  }
  return { backlog, seconds: (performance.now() - started) / 1000 };
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

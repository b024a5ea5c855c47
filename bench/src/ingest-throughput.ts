import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startServerProcess } from '@errata/server/testing';
import Database from 'better-sqlite3';
import type { BenchContext, Figure, Measurement } from './figure.ts';
import { type LoadOptions, type LoadResult, runLoad } from './load-run.ts';
import { median } from './median.ts';
import { ownCpuSeconds, processCpuSeconds } from './process-cpu.ts';
import { reportBodies } from './report-bodies.ts';

/** Seconds of load before each measured run, thrown away (JIT, caches, SQLite pages). */
const WARMUP_SECONDS = 2;
/** Ingest ÷ no-op a prototype measured on this kind of machine for SQLite with one transaction per event-loop tick. */
const PROTOTYPE_RATIO = '0.25–0.30';

/**
 * Reports per second the real server accepts (201, durable) compared with a no-op JSON
 * route on the same server, interleaved round by round so drift hits both alike.
 */
export const ingestThroughput: Measurement = {
  title: 'ingest throughput',
  async run(context) {
    const dataDir = mkdtempSync(join(tmpdir(), 'errata-bench-'));
    try {
      const port = await freePort();
      context.log(`starting the server on 127.0.0.1:${port} …`);
      const server = await startServerProcess({
        cwd: context.repoRoot,
        port,
        dataDir,
        env: { ERRATA_REPORTS_PER_MINUTE: '1000000000', ERRATA_BENCH_ROUTES: '1' },
      });
      let runs: Runs;
      try {
        runs = await measure(context, server.origin, server.pid);
      } finally {
        context.log('stopping the server …');
        const code = await server.stop();
        if (code !== 0) context.log(`the server exited with code ${code}:\n${server.output().trim()}`);
      }
      if (runs.troubled) context.log(`server output (errors seen):\n${server.output().trim()}`);
      return [...loadFigures(context, runs), ...databaseFigures(join(dataDir, 'errata.db'), runs)];
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

/** A measured run, with the CPU share each side used during it. */
interface MeasuredRun extends LoadResult {
  /** CPU time ÷ wall time, 1 = one core busy; undefined where /proc is missing. */
  serverCpu: number | undefined;
  benchCpu: number;
}

interface Runs {
  noop: MeasuredRun[];
  ingest: MeasuredRun[];
  /** Every run, warm-ups included: they count for errors and for the stored-reports check. */
  all: { noop: LoadResult[]; ingest: LoadResult[] };
  bodyBytes: number;
  troubled: boolean;
}

async function measure(context: BenchContext, origin: string, serverPid: number | undefined): Promise<Runs> {
  const nextReport = reportBodies(origin);
  let bodyBytes = 0;
  let bodies = 0;
  const nextBody = () => {
    const body = nextReport();
    bodyBytes += Buffer.byteLength(body);
    bodies++;
    return body;
  };
  const noopOptions = {
    url: `${origin}/api/v1/bench/noop`,
    okStatus: 200,
    connections: context.connections,
    // The same size and shape as a report: the no-op pays for JSON parsing too.
    body: reportBodies(origin, 2)(),
  };
  const ingestOptions = {
    url: `${origin}/api/v1/reports`,
    okStatus: 201,
    connections: context.connections,
    nextBody,
  };
  const runs: Runs = { noop: [], ingest: [], all: { noop: [], ingest: [] }, bodyBytes: 0, troubled: false };
  const warmup = Math.min(WARMUP_SECONDS, context.durationSeconds);

  const once = async (
    label: string,
    options: Omit<LoadOptions, 'seconds'>,
    into: MeasuredRun[],
    all: LoadResult[],
  ) => {
    all.push(await runLoad({ ...options, seconds: warmup }));
    const started = { wall: performance.now(), server: processCpuSeconds(serverPid), bench: ownCpuSeconds() };
    const load = await runLoad({ ...options, seconds: context.durationSeconds });
    const wall = (performance.now() - started.wall) / 1000;
    const serverNow = processCpuSeconds(serverPid);
    const result: MeasuredRun = {
      ...load,
      serverCpu:
        serverNow === undefined || started.server === undefined
          ? undefined
          : (serverNow - started.server) / wall,
      benchCpu: (ownCpuSeconds() - started.bench) / wall,
    };
    all.push(result);
    into.push(result);
    const problems = result.unexpectedCount + result.errors;
    context.log(
      `  ${label}: ${Math.round(result.okPerSecond)} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ` +
        `CPU ${cpuNote([result])}` +
        (problems ? `, ${result.unexpectedCount} unexpected statuses, ${result.errors} errors` : ''),
    );
  };

  for (let round = 1; round <= context.rounds; round++) {
    context.log(`round ${round}/${context.rounds} (${warmup} s warm-up + ${context.durationSeconds} s each)`);
    await once('no-op ', noopOptions, runs.noop, runs.all.noop);
    await once('ingest', ingestOptions, runs.ingest, runs.all.ingest);
  }
  runs.bodyBytes = bodies ? Math.round(bodyBytes / bodies) : 0;
  runs.troubled = [...runs.all.noop, ...runs.all.ingest].some((r) => r.unexpectedCount + r.errors > 0);
  return runs;
}

function loadFigures(context: BenchContext, runs: Runs): Figure[] {
  const setup = `median of ${context.rounds} × ${context.durationSeconds} s, ${context.connections} connections`;
  const noopRate = median(runs.noop.map((r) => r.okPerSecond));
  const ingestRate = median(runs.ingest.map((r) => r.okPerSecond));
  const perRound = (results: MeasuredRun[]) =>
    `rounds ${results.map((r) => Math.round(r.okPerSecond)).join(', ')}; CPU ${cpuNote(results)}`;
  return [
    {
      name: 'noop.req_per_s',
      value: Math.round(noopRate),
      unit: 'req/s',
      note: `POST /api/v1/bench/noop, ${setup}; ${perRound(runs.noop)}`,
    },
    ...latencyFigures('noop', runs.noop),
    ...problemFigures('noop', 200, runs.all.noop),
    {
      name: 'ingest.req_per_s',
      value: Math.round(ingestRate),
      unit: 'req/s',
      note: `201s only, ~${runs.bodyBytes} B bodies, ${setup}; ${perRound(runs.ingest)}`,
    },
    ...latencyFigures('ingest', runs.ingest),
    ...problemFigures('ingest', 201, runs.all.ingest),
    {
      name: 'ingest.ratio_to_noop',
      value: round(ingestRate / noopRate, 3),
      unit: '×',
      note: `ingest ÷ no-op req/s; prototype ${PROTOTYPE_RATIO} (SQLite, one transaction per tick, wrk)`,
    },
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

/** Reads the stopped server's database: were the accepted reports stored, and grouped? */
function databaseFigures(file: string, runs: Runs): Figure[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const count = (table: 'reports' | 'errata') =>
      (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const reports = count('reports');
    const errata = count('errata');
    const acknowledged = runs.all.ingest.reduce((total, r) => total + r.okCount, 0);
    // A run ends with up to one request per connection in flight: the server stores it, but
    // autocannon has closed the connection and never counts its 201.
    const inFlight = runs.all.ingest.reduce((total, r) => total + r.connections, 0);
    return [
      {
        name: 'db.reports',
        value: reports,
        unit: 'count',
        ok: reports >= acknowledged && reports <= acknowledged + inFlight,
        note: `rows after the run; 201s received ${acknowledged} (warm-ups included), plus ≤ ${inFlight} cut off in flight`,
      },
      {
        name: 'db.errata',
        value: errata,
        unit: 'count',
        note: `${round((100 * errata) / Math.max(reports, 1), 1)} % of reports opened a new erratum; ${round(reports / Math.max(errata, 1), 2)} reports per erratum`,
      },
    ];
  } finally {
    db.close();
  }
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

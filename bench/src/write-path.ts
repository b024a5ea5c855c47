import type { ReportInput } from '@errata/core';
import { ensureDemoSite, migrateToLatest, openStore, ReportIngest } from '@errata/server';
import { analyzePostgres, createTestDatabase, postgresUnavailable } from '@errata/server/testing';
import type { BenchContext, Figure, Measurement } from './figure.ts';
import { logPagesOf } from './log-pages.ts';
import { median } from './median.ts';
import { reportBodies } from './report-bodies.ts';

/** Reports taken in before the measured rounds, thrown away: a database that holds some, JIT warm. */
const WARMUP_REPORTS = 10_000;
/** Reports taken in per measured round. */
const ROUND_REPORTS = 20_000;
/** Reports whose log pages are counted after the rounds (SQLite): ~22 KB of log each. */
const LOG_REPORTS = 5_000;
/** Where the reports' pages are: the demo site's own origin ('self'), as the widget on /demo/ sends them. */
const ORIGIN = 'http://localhost:8080';

interface Round {
  /** Reports acknowledged per second, and grouped (acknowledged ÷ seconds until none waits). */
  acknowledgedPerSecond: number;
  groupedPerSecond: number;
  /** CPU time of this process per report, in microseconds (both steps, all threads). */
  cpuMicrosPerReport: number;
}

/**
 * The write path without HTTP: reports go straight into ReportIngest, 50 at a time, as the
 * reports route passes them on, on a real database; a round ends when every report is grouped.
 * This is the ceiling of ingest on one database whatever the HTTP side costs, and a steadier
 * figure than the HTTP load (no load generator shares the machine), so a change to grouping
 * shows here first.
 */
export const writePath: Measurement = {
  title: 'write path without HTTP',
  async run(context) {
    const figures = await measureOn('sqlite', '', context);
    const postgresMissing = await postgresUnavailable();
    if (postgresMissing) {
      context.log(`PostgreSQL skipped: ${postgresMissing}`);
      return figures;
    }
    return [...figures, ...(await measureOn('postgres', 'pg.', context))];
  },
};

async function measureOn(
  kind: 'sqlite' | 'postgres',
  prefix: string,
  context: BenchContext,
): Promise<Figure[]> {
  const database = await createTestDatabase(kind);
  const store = openStore(database.url);
  try {
    await migrateToLatest(store.db);
    await ensureDemoSite(store);
    const ingest = new ReportIngest(store, 'bench-key');
    const next = reportBodies(ORIGIN, 3);
    context.log(`${kind}: ${WARMUP_REPORTS} reports to warm up …`);
    await takeIn(ingest, next, WARMUP_REPORTS, context.connections);
    const rounds: Round[] = [];
    for (let round = 1; round <= context.rounds; round++) {
      // The statistics autovacuum would keep (CI's PostgreSQL has it off), outside the measured round.
      if (kind === 'postgres') await analyzePostgres(database.url);
      const measured = await takeIn(ingest, next, ROUND_REPORTS, context.connections);
      context.log(
        `  round ${round}/${context.rounds}: ${Math.round(measured.acknowledgedPerSecond)} acknowledged/s, ` +
          `${Math.round(measured.groupedPerSecond)} grouped/s, ${Math.round(measured.cpuMicrosPerReport)} µs CPU per report`,
      );
      rounds.push(measured);
    }
    const log =
      kind === 'sqlite'
        ? await logPagesOf(database.url.slice('sqlite:'.length), LOG_REPORTS, async () => {
            await takeIn(ingest, next, LOG_REPORTS, context.connections);
          })
        : null;
    await ingest.stop();
    const perRound = (pick: (r: Round) => number) => rounds.map((r) => Math.round(pick(r))).join(', ');
    const setup = `${kind}, ${ROUND_REPORTS.toLocaleString('en')} reports per round, ${context.connections} at a time, median of ${rounds.length}`;
    return [
      {
        name: `${prefix}write_path.grouped_per_s`,
        value: Math.round(median(rounds.map((r) => r.groupedPerSecond))),
        unit: 'reports/s',
        note: `acknowledged and grouped into errata, without HTTP: ${setup}; rounds ${perRound((r) => r.groupedPerSecond)}`,
      },
      {
        name: `${prefix}write_path.acknowledged_per_s`,
        value: Math.round(median(rounds.map((r) => r.acknowledgedPerSecond))),
        unit: 'reports/s',
        note: `durable in the intake (what a 201 waits for), grouping running beside it; rounds ${perRound((r) => r.acknowledgedPerSecond)}`,
      },
      {
        name: `${prefix}write_path.cpu_us_per_report`,
        value: Math.round(median(rounds.map((r) => r.cpuMicrosPerReport))),
        unit: 'µs',
        note: `CPU of the process per report, both steps (${kind === 'postgres' ? "PostgreSQL's own work not included" : "SQLite's work included"}); rounds ${perRound((r) => r.cpuMicrosPerReport)}`,
      },
      ...(log
        ? [
            {
              name: `${prefix}write_path.log_kb_per_report`,
              value: Math.round(log.kilobytesPerReport * 10) / 10,
              unit: 'KB',
              note: `log pages a report's commits wrote (${LOG_REPORTS.toLocaleString('en')} reports after the rounds; the intake is in the database here): ${log.pagesPerReport.toFixed(2)} a report, most ${log.byBtree
                .slice(0, 8)
                .map((b) => `${b.name} ${b.pagesPerReport.toFixed(2)}`)
                .join(', ')}`,
            },
          ]
        : []),
    ];
  } finally {
    await store.close();
    await database.drop();
  }
}

/** Takes `count` reports in, `concurrency` at a time, and waits until all are grouped. */
async function takeIn(
  ingest: ReportIngest,
  next: () => string,
  count: number,
  concurrency: number,
): Promise<Round> {
  let sent = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const sender = async () => {
    while (sent < count) {
      const n = sent++;
      const input = JSON.parse(next()) as ReportInput;
      // A reader of their own: one address sending thousands would be throttled as a flood.
      const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
      await ingest.accept(input, { ip, origin: ORIGIN, requestOrigin: ORIGIN });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, sender));
  const acknowledgedMs = performance.now() - started;
  await ingest.drained();
  const groupedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    acknowledgedPerSecond: (count * 1000) / acknowledgedMs,
    groupedPerSecond: (count * 1000) / groupedMs,
    cpuMicrosPerReport: (cpu.user + cpu.system) / count,
  };
}

import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import { ServerMetrics } from './base/metrics.ts';
import { DailyAddressKeys } from './domain/address-hash.ts';
import { type DemoMode, DemoNewsroom } from './domain/demo-site.ts';
import { InMemoryLiveEvents, type LiveEvents } from './domain/live-events.ts';
import { ProofOfWork } from './domain/proof-of-work.ts';
import { Proofreader } from './domain/proofread.ts';
import { Rechecker } from './domain/recheck.ts';
import { ReportIngest } from './domain/report-ingest.ts';
import type { RedisLink } from './redis/redis-link.ts';
import { RedisLiveEvents } from './redis/redis-live-events.ts';
import type { Store } from './store/open-store.ts';
import { outboxBacklog } from './store/outbox-backlog.ts';
import { intakeCounts } from './store/report-intake-store.ts';

/** The long-lived parts the HTTP routes and the jobs share, composed once per server. */
export interface Services {
  /** Where changed errata are announced to live dashboards. */
  events: LiveEvents;
  /** Takes reports in through group commit. */
  ingest: ReportIngest;
  /** Checks pages against their errata; the scheduler and POST /api/v1/pages/recheck share it. */
  rechecker: Rechecker;
  /** Reads pages and proposes their likely mistakes; the worker and "Proofread page" share it. */
  proofreader: Proofreader;
  /** Whether the demo newsroom (/demo/ and its site's reports) is on. */
  demo: DemoNewsroom;
  /** The proof of work asked of reports to the sites that turn it on. */
  proofOfWork: ProofOfWork;
  /** This server's metrics (GET /metrics): a registry of its own, so apps in one process count apart. */
  metrics: ServerMetrics;
}

export interface ServicesOptions {
  /** The server's public URL (what a site's "self" origin stands for). */
  publicUrl: string;
  /** The recheck's periodic pass (ms between checks of a page with open errata; null: off). Default: daily. */
  recheckIntervalMs?: number | null;
  /** Where failures that no request answers for are logged; none: nowhere (tests, scripts). */
  log?: Pick<FastifyBaseLogger, 'error'>;
  /** Redis shared with other instances: live events go through it. */
  redis?: RedisLink;
  /** ERRATA_DEMO; default auto (on until a site of the operator's own exists). */
  demo?: DemoMode;
}

/**
 * Composes the services over a store: the one place that chooses their implementations
 * (live events in this process, or through Redis when instances share it).
 */
export async function composeServices(store: Store, options: ServicesOptions): Promise<Services> {
  const log = options.log ?? pino({ level: 'silent' });
  const onLiveError = (err: unknown) => log.error({ err }, 'a live event could not be delivered');
  const events = options.redis
    ? new RedisLiveEvents(options.redis, onLiveError)
    : new InMemoryLiveEvents(onLiveError);
  const demo = new DemoNewsroom(store, options.demo ?? 'auto');
  const ingest = new ReportIngest(
    store,
    new DailyAddressKeys(store),
    { events, onError: (err) => log.error({ err }, 'could not announce stored reports') },
    demo,
  );
  const metrics = new ServerMetrics();
  ingest.writeQueue.watchBatches((size) => metrics.batchSize.observe(size));
  ingest.grouping.watchLag((ms) => metrics.groupingLag.observe(ms / 1000));
  metrics.readFrom({
    queuedReports: () => ingest.writeQueue.depth,
    ungroupedReports: () => ingest.grouping.backlog,
    setAsideReports: async () => (await intakeCounts(store.intake)).setAside,
    outboxBacklog: () => outboxBacklog(store.db),
  });
  const rechecker = new Rechecker(store, {
    publicUrl: options.publicUrl,
    events,
    onVerdicts: (states) => {
      for (const verdict of states) metrics.recheckVerdicts.inc({ verdict });
    },
    ...(options.recheckIntervalMs !== undefined ? { intervalMs: options.recheckIntervalMs } : {}),
  });
  // The recheck's politeness: each host sees one polite reader, whichever of the two fetches.
  const proofreader = new Proofreader(store, {
    publicUrl: options.publicUrl,
    events,
    politeness: rechecker.politeness,
  });
  return { events, ingest, rechecker, proofreader, demo, proofOfWork: new ProofOfWork(store), metrics };
}

import { CHECK_STATES } from '@errata/core';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Why POST /api/v1/reports answered as it did: one label value per status it answers with. */
export const REPORT_OUTCOMES = {
  201: { accepted: 'stored' },
  200: { accepted: 'repeat' },
  400: { refused: 'invalid' },
  403: { refused: 'forbidden' },
  413: { refused: 'too_large' },
  428: { refused: 'proof_of_work' },
  429: { refused: 'rate_limited' },
  503: { refused: 'unavailable' },
} as const satisfies Record<number, { accepted: string } | { refused: string }>;
/** Any other status of the report route: a client's odd request (4xx) or our failure (5xx). */
const OTHER_REFUSALS = ['other', 'error'] as const;

/** What a delivery attempt came to: done, failed and tried again later, or failed for good. */
export type DeliveryOutcome = 'delivered' | 'retry' | 'dead';
const DELIVERY_OUTCOMES: readonly DeliveryOutcome[] = ['delivered', 'retry', 'dead'];

/** Seconds: a report is answered in a few ms, a page of the inbox in tens, an export in seconds. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Reports per transaction, up to GROUP_COMMIT_MAX_ITEMS (500). */
const BATCH_BUCKETS = [1, 2, 5, 10, 20, 50, 100, 200, 500];

/** What /metrics reads at scrape time, never per request. */
export interface MetricSources {
  /** Reports waiting for a group-commit batch. */
  queuedReports(): number;
  /** Reports acknowledged and not yet grouped into their errata. */
  ungroupedReports(): number;
  /** Reports grouping failed for too often, kept in the intake for an operator (one cheap query). */
  setAsideReports(): Promise<number>;
  /** The outbox's backlog, from one cheap query. */
  outboxBacklog(): Promise<OutboxBacklog>;
}

/** The outbox's undelivered work. */
export interface OutboxBacklog {
  /** Events not yet fanned out to their deliveries. */
  events: number;
  /** Deliveries waiting for an attempt (pending, due or not). */
  deliveries: number;
  /** Creation time (epoch ms) of the oldest event not fanned out or with a pending delivery; null: none. */
  oldestAt: number | null;
}

/**
 * The metrics of one server (one app instance): its own registry, so several apps in one
 * process (the tests) count apart. Recording is a counter bump or a histogram observation;
 * anything that needs the database is read at scrape time.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'errata_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status class',
    labelNames: ['method', 'route', 'status_class'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'errata_http_request_duration_seconds',
    help: 'Time from a request to its answer, by method, route pattern and status class (a live event stream: its whole life)',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly reportsAccepted = new Counter({
    name: 'errata_reports_accepted_total',
    help: 'Reports answered 201 (stored) or 200 (a repeat of a stored clientId)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  readonly reportsRefused = new Counter({
    name: 'errata_reports_refused_total',
    help: 'Reports refused, by reason (invalid 400, forbidden 403, too_large 413, proof_of_work 428, rate_limited 429, unavailable 503, other, error)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly batchSize = new Histogram({
    name: 'errata_group_commit_batch_size',
    help: 'Reports per group-commit transaction',
    buckets: BATCH_BUCKETS,
    registers: [this.registry],
  });
  readonly groupingLag = new Histogram({
    name: 'errata_report_grouping_lag_seconds',
    help: 'Time from a report acknowledged to its grouping into its erratum (when editors see it)',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly deliveries = new Counter({
    name: 'errata_deliveries_total',
    help: 'Delivery attempts (webhooks, e-mail) by result: delivered, retry (failed, tried again later), dead (given up)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  readonly recheckVerdicts = new Counter({
    name: 'errata_recheck_verdicts_total',
    help: "The recheck's verdicts, one per erratum of each page checked",
    labelNames: ['verdict'] as const,
    registers: [this.registry],
  });
  readonly liveConnections = new Gauge({
    name: 'errata_live_connections',
    help: 'Open live event streams (GET /api/v1/events)',
    registers: [this.registry],
  });
  private sources: MetricSources | null = null;

  constructor() {
    const metrics = this;
    new Gauge({
      name: 'errata_report_queue_depth',
      help: 'Reports waiting for a group-commit batch',
      registers: [this.registry],
      collect() {
        this.set(metrics.sources?.queuedReports() ?? 0);
      },
    });
    new Gauge({
      name: 'errata_reports_ungrouped',
      help: 'Reports acknowledged and not yet grouped into their errata; new reports get 503 past 20,000',
      registers: [this.registry],
      collect() {
        this.set(metrics.sources?.ungroupedReports() ?? 0);
      },
    });
    new Gauge({
      name: 'errata_reports_set_aside',
      help: 'Reports acknowledged whose grouping failed three times: kept in report_intake, logged, for an operator',
      registers: [this.registry],
      async collect() {
        this.set((await metrics.sources?.setAsideReports()) ?? 0);
      },
    });
    // One query answers the three outbox gauges; each scrape asks it once.
    let backlog: Promise<OutboxBacklog | null> | null = null;
    const readBacklog = () => {
      backlog ??= (metrics.sources?.outboxBacklog() ?? Promise.resolve(null)).finally(() => {
        setImmediate(() => {
          backlog = null;
        });
      });
      return backlog;
    };
    new Gauge({
      name: 'errata_outbox_events_pending',
      help: 'Outbox events not yet fanned out to their deliveries',
      registers: [this.registry],
      async collect() {
        this.set((await readBacklog())?.events ?? 0);
      },
    });
    new Gauge({
      name: 'errata_outbox_deliveries_pending',
      help: 'Deliveries waiting for an attempt',
      registers: [this.registry],
      async collect() {
        this.set((await readBacklog())?.deliveries ?? 0);
      },
    });
    new Gauge({
      name: 'errata_outbox_oldest_undelivered_age_seconds',
      help: 'Age of the oldest outbox event not fanned out or with a delivery pending; 0 when none',
      registers: [this.registry],
      async collect() {
        const oldestAt = (await readBacklog())?.oldestAt ?? null;
        this.set(oldestAt === null ? 0 : Math.max(0, (Date.now() - oldestAt) / 1000));
      },
    });
    // Every label value known ahead shows from the start at 0, so rate() and alerts see it before it first moves.
    for (const outcome of Object.values(REPORT_OUTCOMES)) {
      if ('accepted' in outcome) this.reportsAccepted.inc({ result: outcome.accepted }, 0);
      else this.reportsRefused.inc({ reason: outcome.refused }, 0);
    }
    for (const reason of OTHER_REFUSALS) this.reportsRefused.inc({ reason }, 0);
    for (const result of DELIVERY_OUTCOMES) this.deliveries.inc({ result }, 0);
    for (const verdict of CHECK_STATES) this.recheckVerdicts.inc({ verdict }, 0);
  }

  /** Where the scrape-time gauges read from (the ingest's queue, the store). */
  readFrom(sources: MetricSources): void {
    this.sources = sources;
  }

  /** Counts one answer of POST /api/v1/reports by its status. */
  countReport(statusCode: number): void {
    const outcome = (REPORT_OUTCOMES as Record<number, { accepted: string } | { refused: string }>)[
      statusCode
    ];
    if (outcome === undefined) {
      this.reportsRefused.inc({ reason: statusCode >= 500 ? 'error' : 'other' });
    } else if ('accepted' in outcome) {
      this.reportsAccepted.inc({ result: outcome.accepted });
    } else {
      this.reportsRefused.inc({ reason: outcome.refused });
    }
  }

  /** The Prometheus text exposition: this process's metrics, then this server's. */
  async exposition(): Promise<string> {
    const [process, server] = await Promise.all([processRegistry().metrics(), this.registry.metrics()]);
    return `${process}\n${server}`;
  }

  /** The exposition's content type (text format 0.0.4). */
  get contentType(): string {
    return this.registry.contentType;
  }
}

let processMetrics: Registry | null = null;

/**
 * prom-client's default metrics (RSS, heap, event-loop lag, GC, handles) in a registry of
 * their own, made once per process: they describe the process, not one app, and each
 * collection starts observers (event-loop delay, GC) that are never stopped.
 */
function processRegistry(): Registry {
  if (processMetrics === null) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics });
  }
  return processMetrics;
}

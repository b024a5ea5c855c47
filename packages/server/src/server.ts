import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { Config } from './config.ts';
import { type DemoState, ensureDemoSite } from './domain/demo-site.ts';
import { type FirstSignIn, prepareFirstSignIn } from './domain/first-owner.ts';
import { buildApp } from './http/app.ts';
import { webhookChannel } from './jobs/delivery/webhook-channel.ts';
import { startDeliveryWorker } from './jobs/delivery/worker.ts';
import { startEmailJobs } from './jobs/email-jobs.ts';
import { ProofreadWorker } from './jobs/proofread-worker.ts';
import { RecheckScheduler } from './jobs/recheck-scheduler.ts';
import { startRetentionSweeper } from './jobs/retention-sweeper.ts';
import { startSessionSweeper } from './jobs/session-sweeper.ts';
import { type Mailer, smtpMailer } from './mail/transport.ts';
import { openRedisLink, type RedisLink } from './redis/redis-link.ts';
import { composeServices } from './services.ts';
import { StopSteps, settledWithin } from './stop-steps.ts';
import { migrateToLatest } from './store/migrator.ts';
import { openStore, type Store } from './store/open-store.ts';

/** A running Errata server. */
export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  /** The address it listens on, e.g. http://localhost:8080. */
  url: string;
  firstSignIn: FirstSignIn;
  /** Whether the demo newsroom was on at start (ERRATA_DEMO), and why: the banner says so. */
  demo: DemoState;
  /**
   * Stops: takes no more connections (requests still arriving on open ones get 503), ends live
   * event streams with a retry hint, lets requests in flight finish, commits every accepted
   * report, stops the background jobs (what they hold past JOBS_GRACE_MS is left to its lease,
   * taken up again later), and closes the database. Calling it again returns the same stop.
   */
  close(): Promise<void>;
  /** What a stop under way is still waiting for, in words (for the line of a stop that ran out of time). */
  pending(): string[];
}

/** How long a stop may take before the process gives up and exits with 1 (cli/main.ts). */
export const STOP_DEADLINE_MS = 10_000;
/**
 * How long background jobs get to finish what they hold at a stop; after it the stop goes
 * on without them: a delivery or recheck they held is leased in the database, and attempted
 * again once the lease runs out. Well inside STOP_DEADLINE_MS, so the database still closes in time.
 */
const JOBS_GRACE_MS = 6_000;
/** Delivery attempts in flight get this long at a stop, then are cut short and recorded as failed (retried). */
const DELIVERY_GRACE_MS = 4_000;
/**
 * How often idle keep-alive connections are closed while a stop waits for requests: Node
 * closes those idle when the server closes, not those that become idle after (their request ended).
 */
const IDLE_CLOSE_EVERY_MS = 50;

/** How long a start waits for Redis before serving without it (the link logs why, and keeps trying). */
const REDIS_WAIT_AT_START_MS = 5_000;

/** What a second instance on the same PostgreSQL database would not share without Redis. */
const NOT_SHARED_WITHOUT_REDIS =
  "No ERRATA_REDIS_URL: rate limits and live events are this instance's own; set it when more than one instance serves this database";

/** Opens the database, migrates it, makes sure the demo site and a way to sign in exist, and listens. */
export async function startServer(config: Config): Promise<RunningServer> {
  const store = openStore(config.databaseUrl, {
    poolSize: config.databasePool,
    intakeApart: true,
  });
  let redis: RedisLink | undefined;
  let signInMailer: Mailer | undefined;
  try {
    await migrateToLatest(store.db);
    await ensureDemoSite(store);
    const firstSignIn = await prepareFirstSignIn(store, {
      email: config.adminEmail,
      password: config.adminPassword,
    });
    const log = pino({ level: config.logLevel });
    redis = config.redisUrl ? openRedisLink(config.redisUrl, log, config.redisPrefix) : undefined;
    // Shared limits and events from the first request on; an unreachable Redis delays start by this at most.
    await redis?.whenShared(REDIS_WAIT_AT_START_MS);
    if (!redis && store.kind === 'postgres') log.info(NOT_SHARED_WITHOUT_REDIS);
    const services = await composeServices(store, {
      publicUrl: config.publicUrl,
      recheckIntervalMs: config.recheck.intervalMs,
      demo: config.demo,
      log,
      ...(redis ? { redis } : {}),
    });
    const { ingest, rechecker } = services;
    const { smtpUrl, from } = config.mail;
    signInMailer = smtpUrl === undefined ? undefined : smtpMailer(smtpUrl, from);
    const app = await buildApp({
      store,
      services,
      config,
      log,
      benchRoutes: config.benchRoutes,
      mailConfigured: config.mail.smtpUrl !== undefined,
      ...(redis ? { redis } : {}),
      ...(signInMailer ? { signInMailer } : {}),
      metricsToken: config.metricsToken,
    });
    try {
      await app.listen({ port: config.port, host: config.host });
    } catch (error) {
      await app.close();
      throw describeListenError(error, config);
    }
    const sweeper = startSessionSweeper(store, app.log);
    const retention = startRetentionSweeper(store, app.log);
    const email = await startEmailJobs(store, config, app.log);
    const delivery = startDeliveryWorker(store, {
      channels: [
        webhookChannel({
          db: store.db,
          publicUrl: config.publicUrl,
          timeoutMs: config.delivery.webhookTimeoutMs,
        }),
        ...email.channels,
      ],
      log: app.log,
      attemptTimeoutMs: config.delivery.attemptTimeoutMs,
      leaseMs: config.delivery.leaseMs,
      onAttempt: (result) => services.metrics.deliveries.inc({ result }),
    });
    const recheck = new RecheckScheduler(store, rechecker, {
      ...config.recheck,
      demo: services.demo,
      onError: (err) => app.log.error({ err }, 'a page recheck failed'),
    });
    recheck.start();
    const proofread = new ProofreadWorker(store, services.proofreader, {
      demo: services.demo,
      onError: (err) => app.log.error({ err }, 'a proofreading job failed'),
    });
    proofread.start();
    const steps = new StopSteps();
    const stop = async () => {
      const jobsUntil = Date.now() + JOBS_GRACE_MS;
      const requests = steps.run('requests in flight', () => closeHttp(app));
      const jobs = Promise.all([
        steps.run('the session sweeper', () => sweeper.stop()),
        steps.run('the retention sweeper', () => retention.stop()),
        steps.run('the e-mail jobs', () => email.stop()),
        steps.run('the recheck scheduler', () => recheck.stop()),
        steps.run('the proofreader', () => proofread.stop()),
        steps.run('the delivery worker', () => delivery.stop({ graceMs: DELIVERY_GRACE_MS })),
      ]).catch((err: unknown) => app.log.error({ err }, 'a background job failed while stopping'));
      await requests;
      // No request adds to the queue any more: what is in it was acknowledged or is about to be.
      // Reports still waiting to be grouped then (a flood) are durable in the intake: the next start groups them.
      await steps.run(
        () =>
          `the report queue (${ingest.writeQueue.depth} reports waiting, ${ingest.grouping.backlog} to group)`,
        () => ingest.stop(),
      );
      if (!(await settledWithin(jobs, jobsUntil - Date.now()))) {
        app.log.warn(
          { jobs: steps.pending() },
          'stopping without the background jobs still running: what they hold is attempted again once its lease runs out',
        );
      }
      signInMailer?.close();
      await steps.run('Redis', async () => redis?.close());
      await steps.run('the database', () => store.close());
    };
    let stopped: Promise<void> | null = null;
    return {
      app,
      store,
      url: config.publicUrl,
      firstSignIn,
      demo: await services.demo.state(),
      close: () => {
        stopped ??= stop();
        return stopped;
      },
      pending: () => steps.pending(),
    };
  } catch (error) {
    signInMailer?.close();
    await redis?.close();
    await store.close();
    throw error;
  }
}

/** Closes the HTTP server: no new connections, live streams ended (their preClose), requests in flight answered. */
async function closeHttp(app: FastifyInstance): Promise<void> {
  const closeIdle = setInterval(() => app.server.closeIdleConnections(), IDLE_CLOSE_EVERY_MS);
  try {
    await app.close();
  } finally {
    clearInterval(closeIdle);
  }
}

function describeListenError(error: unknown, config: Config): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    return new Error(`port ${config.port} is taken: stop the other server or start with PORT=<another port>`);
  }
  if (code === 'EACCES')
    return new Error(`no permission to listen on port ${config.port}: use a port above 1023`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return new Error(`cannot listen on HOST=${config.host}: no such interface on this machine`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

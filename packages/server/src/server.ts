import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { Config } from './config.ts';
import { type DemoState, ensureDemoSite } from './domain/demo-site.ts';
import { type FirstSignIn, prepareFirstSignIn } from './domain/first-owner.ts';
import { buildApp } from './http/app.ts';
import { webhookChannel } from './jobs/delivery/webhook-channel.ts';
import { startDeliveryWorker } from './jobs/delivery/worker.ts';
import { startEmailJobs } from './jobs/email-jobs.ts';
import { RecheckScheduler } from './jobs/recheck-scheduler.ts';
import { startSessionSweeper } from './jobs/session-sweeper.ts';
import { type Mailer, smtpMailer } from './mail/transport.ts';
import { openRedisLink, type RedisLink } from './redis/redis-link.ts';
import { composeServices } from './services.ts';
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
  /** Stops taking requests, waits for accepted reports to commit and deliveries in flight, closes the database. */
  close(): Promise<void>;
}

/** How long a start waits for Redis before serving without it (the link logs why, and keeps trying). */
const REDIS_WAIT_AT_START_MS = 5_000;

/** What a second instance on the same PostgreSQL database would not share without Redis. */
const NOT_SHARED_WITHOUT_REDIS =
  "No ERRATA_REDIS_URL: rate limits and live events are this instance's own; set it when more than one instance serves this database";

/** Opens the database, migrates it, makes sure the demo site and a way to sign in exist, and listens. */
export async function startServer(config: Config): Promise<RunningServer> {
  const store = openStore(config.databaseUrl, { poolSize: config.databasePool });
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
    });
    try {
      await app.listen({ port: config.port, host: config.host });
    } catch (error) {
      await app.close();
      throw describeListenError(error, config);
    }
    const sweeper = startSessionSweeper(store, app.log);
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
    });
    const recheck = new RecheckScheduler(store, rechecker, {
      ...config.recheck,
      onError: (err) => app.log.error({ err }, 'a page recheck failed'),
    });
    recheck.start();
    return {
      app,
      store,
      url: config.publicUrl,
      firstSignIn,
      demo: await services.demo.state(),
      close: async () => {
        await app.close();
        await sweeper.stop();
        await ingest.drained();
        await recheck.stop();
        await delivery.stop();
        await email.stop();
        signInMailer?.close();
        await redis?.close();
        await store.close();
      },
    };
  } catch (error) {
    signInMailer?.close();
    await redis?.close();
    await store.close();
    throw error;
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

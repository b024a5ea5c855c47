import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import type { Config } from '../config.ts';
import { InMemoryLiveEvents } from '../domain/live-events.ts';
import { Rechecker } from '../domain/recheck.ts';
import { ReportIngest } from '../domain/report-ingest.ts';
import { newToken } from '../domain/secrets.ts';
import type { Store } from '../store/open-store.ts';
import { getOrCreateSetting } from '../store/settings-store.ts';
import { correctionsLogRoutes } from './corrections-log-routes.ts';
import { deliveriesRoutes } from './deliveries-routes.ts';
import { emailRoutes } from './email-routes.ts';
import { errataRoutes } from './errata-routes.ts';
import { installErrorHandler } from './errors.ts';
import { eventsRoutes } from './events-routes.ts';
import { exportRoutes } from './export-routes.ts';
import { healthRoutes } from './health-routes.ts';
import { readerStatusRoutes } from './reader-status-routes.ts';
import { recheckRoutes } from './recheck-routes.ts';
import { reportsRoutes } from './reports-routes.ts';
import { sessionRoutes } from './session-routes.ts';
import { sitesRoutes } from './sites-routes.ts';
import { staticRoutes } from './static-routes.ts';
import { validatorCompiler } from './validator.ts';
import { webhooksRoutes } from './webhooks-routes.ts';

/** What the HTTP app is built from; tests pass their own store and settings. */
export interface AppOptions {
  store: Store;
  config: Pick<Config, 'publicUrl' | 'reportsPerMinute' | 'trustProxy' | 'assets'>;
  /** pino options, or false for silence (tests). */
  logger?: FastifyServerOptions['logger'];
  /** Extra routes for `npm run bench` (a no-op JSON route to compare ingest with). */
  benchRoutes?: boolean;
  /** Whether an SMTP server is set (ERRATA_SMTP_URL); the e-mail settings say so when not. */
  mailConfigured?: boolean;
  /** The recheck's periodic pass (ms between checks of a page with open errata; null: off). Default: daily. */
  recheckIntervalMs?: number | null;
}

/** An Errata server with its routes, ready to `listen()` or to `inject()` in tests. */
export interface ErrataApp {
  app: FastifyInstance;
  ingest: ReportIngest;
  /** Checks pages against their errata; the server's scheduler and POST /api/v1/pages/recheck share it. */
  rechecker: Rechecker;
}

export async function buildApp(options: AppOptions): Promise<ErrataApp> {
  const { store, config } = options;
  const app = Fastify({
    logger: options.logger ?? false,
    // One line per request drowns the useful lines at info level; the debug level brings them back.
    logController: new LogController({ disableRequestLogging: !isDebugLogger(options.logger) }),
    // Trust X-Forwarded-For only from the configured number of proxies in front of us.
    trustProxy: (_address: string, hop: number) => hop < config.trustProxy,
  });
  app.setValidatorCompiler(validatorCompiler);

  installErrorHandler(app);
  app.decorateRequest('principal', null);
  app.decorateRequest('session', null);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
  });

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Errata API',
        version: '1',
        description: 'Reader-reported corrections of published text.',
      },
    },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const ipHashKey = await getOrCreateSetting(store.db, 'ip_hash_key', () => newToken());
  const events = new InMemoryLiveEvents((err) => app.log.error({ err }, 'a live event listener failed'));
  const ingest = new ReportIngest(store, ipHashKey, {
    events,
    onError: (err) => app.log.error({ err }, 'could not announce stored reports'),
  });
  const rechecker = new Rechecker(store, {
    publicUrl: config.publicUrl,
    events,
    ...(options.recheckIntervalMs !== undefined ? { intervalMs: options.recheckIntervalMs } : {}),
  });

  await app.register(reportsRoutes, {
    ingest,
    reportsPerMinute: config.reportsPerMinute,
    publicUrl: config.publicUrl,
  });
  await app.register(sessionRoutes, { store, secureCookies: config.publicUrl.startsWith('https:') });
  await app.register(errataRoutes, { store, events });
  await app.register(eventsRoutes, { store, events });
  await app.register(exportRoutes, { store, publicUrl: config.publicUrl });
  await app.register(sitesRoutes, {
    store,
    publicUrl: config.publicUrl,
    secureCookies: config.publicUrl.startsWith('https:'),
  });
  await app.register(emailRoutes, { store, mailConfigured: options.mailConfigured ?? false });
  await app.register(webhooksRoutes, { store, publicUrl: config.publicUrl });
  await app.register(deliveriesRoutes, { store });
  await app.register(recheckRoutes, { store, rechecker });
  await app.register(readerStatusRoutes, { store });
  await app.register(correctionsLogRoutes, { store, publicUrl: config.publicUrl });
  await app.register(healthRoutes, { store });
  await app.register(staticRoutes, config.assets);
  if (options.benchRoutes) {
    app.post('/api/v1/bench/noop', { schema: { hide: true } }, async () => ({ ok: true }));
  }
  return { app, ingest, rechecker };
}

function isDebugLogger(logger: AppOptions['logger']): boolean {
  const level = typeof logger === 'object' && logger !== null && 'level' in logger ? logger.level : undefined;
  return level === 'debug' || level === 'trace';
}

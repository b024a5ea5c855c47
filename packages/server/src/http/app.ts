import zlib from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Config } from '../config.ts';
import type { Mailer } from '../mail/transport.ts';
import type { RedisLink } from '../redis/redis-link.ts';
import { sharedRateLimitStore } from '../redis/shared-rate-limit-store.ts';
import type { Services } from '../services.ts';
import type { Store } from '../store/open-store.ts';
import { correctionsLogRoutes } from './corrections-log-routes.ts';
import { deliveriesRoutes } from './deliveries-routes.ts';
import { demoRoutes } from './demo-routes.ts';
import { emailRoutes } from './email-routes.ts';
import { errataRoutes } from './errata-routes.ts';
import { answerFrameworkError, installErrorHandler } from './errors.ts';
import { eventsRoutes } from './events-routes.ts';
import { exportRoutes } from './export-routes.ts';
import { healthRoutes } from './health-routes.ts';
import { measureRequests, metricsRoutes } from './metrics-routes.ts';
import { refuseNulCharacters } from './nul-characters.ts';
import { privacyRoutes } from './privacy-routes.ts';
import { proofreadRoutes } from './proofread-routes.ts';
import { readerDataRoutes } from './reader-data-routes.ts';
import { readerStatusRoutes } from './reader-status-routes.ts';
import { recheckRoutes } from './recheck-routes.ts';
import { reportsRoutes } from './reports-routes.ts';
import { sessionRoutes } from './session-routes.ts';
import { sitesRoutes } from './sites-routes.ts';
import { staticRoutes } from './static-routes.ts';
import { validatorCompiler } from './validator.ts';
import { webhooksRoutes } from './webhooks-routes.ts';

/** Answers smaller than this go as they are: compressing them saves less than it costs. */
const COMPRESS_ABOVE_BYTES = 1024;

/** What the HTTP app is built from; tests pass their own store and settings. */
export interface AppOptions {
  store: Store;
  /** The services the routes use, composed by the caller (services.ts). */
  services: Services;
  config: Pick<Config, 'publicUrl' | 'reportsPerMinute' | 'trustProxy' | 'assets'>;
  /** The server's pino logger; none: silence (tests). */
  log?: FastifyBaseLogger;
  /** Extra routes for `npm run bench` (a no-op JSON route to compare ingest with). */
  benchRoutes?: boolean;
  /** Whether an SMTP server is set (ERRATA_SMTP_URL); the e-mail settings say so when not. */
  mailConfigured?: boolean;
  /** Redis shared with other instances: rate limits are counted there. */
  redis?: RedisLink;
  /** Mails an account's owner after a burst of wrong passwords (ERRATA_SMTP_URL); none: no such mail. */
  signInMailer?: Mailer;
  /** ERRATA_METRICS_TOKEN: GET /metrics then needs it as a bearer token; none: /metrics is open. */
  metricsToken?: string | undefined;
}

/** An Errata server with its routes, ready to `listen()` or to `inject()` in tests. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { store, config } = options;
  const { events, ingest, rechecker, proofreader, demo, proofOfWork, metrics } = options.services;
  const app = Fastify({
    ...(options.log ? { loggerInstance: options.log } : { logger: false }),
    // One line per request drowns the useful lines at info level; the debug level brings them back.
    logController: new LogController({
      disableRequestLogging: !(options.log?.level === 'debug' || options.log?.level === 'trace'),
    }),
    // Trust X-Forwarded-For only from the configured number of proxies in front of us.
    trustProxy: (_address: string, hop: number) => hop < config.trustProxy,
    frameworkErrors: answerFrameworkError,
  });
  app.setValidatorCompiler(validatorCompiler);

  installErrorHandler(app, store.health);
  measureRequests(app, metrics);
  app.decorateRequest('principal', null);
  app.decorateRequest('session', null);
  app.addHook('preValidation', refuseNulCharacters);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
  });

  await app.register(cookie);
  // Answers over 1 KB (the inbox's JSON, exports, the demo's pages) go compressed to browsers that
  // accept it, at a quality cheap enough per request; the widget and dashboard files are
  // compressed at build time (sent as they are). Live events are never buffered for it.
  await app.register(compress, {
    global: true,
    threshold: COMPRESS_ABOVE_BYTES,
    encodings: ['br', 'gzip'],
    brotliOptions: {
      params: {
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_QUALITY]: 4,
      },
    },
    // Requests are never inflated: a small compressed body could expand past every size limit.
    globalDecompression: false,
  });
  await app.register(rateLimit, {
    global: false,
    ...(options.redis ? { store: sharedRateLimitStore(options.redis) } : {}),
  });
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

  await app.register(reportsRoutes, {
    ingest,
    proofOfWork,
    reportsPerMinute: config.reportsPerMinute,
    publicUrl: config.publicUrl,
  });
  await app.register(sessionRoutes, {
    store,
    secureCookies: config.publicUrl.startsWith('https:'),
    signInAlerts: {
      ...(options.signInMailer ? { mailer: options.signInMailer } : {}),
      publicUrl: config.publicUrl,
      onError: (err) => app.log.warn({ err }, 'could not mail an owner about wrong passwords'),
    },
  });
  await app.register(errataRoutes, { store, events });
  await app.register(eventsRoutes, { store, events, liveConnections: metrics.liveConnections });
  await app.register(exportRoutes, { store, publicUrl: config.publicUrl });
  await app.register(sitesRoutes, {
    store,
    publicUrl: config.publicUrl,
    secureCookies: config.publicUrl.startsWith('https:'),
    onSiteCreated: () => demo.siteCreated(),
  });
  await app.register(emailRoutes, { store, mailConfigured: options.mailConfigured ?? false });
  await app.register(webhooksRoutes, { store, publicUrl: config.publicUrl });
  await app.register(deliveriesRoutes, { store });
  await app.register(readerDataRoutes, { store });
  await app.register(recheckRoutes, { store, rechecker });
  await app.register(proofreadRoutes, { store, proofreader });
  await app.register(readerStatusRoutes, { store });
  await app.register(correctionsLogRoutes, { store, publicUrl: config.publicUrl });
  await app.register(privacyRoutes, { store, publicUrl: config.publicUrl });
  await app.register(healthRoutes, { store, ...(options.redis ? { redis: options.redis } : {}) });
  await app.register(metricsRoutes, { metrics, token: options.metricsToken });
  await app.register(staticRoutes, config.assets);
  await app.register(demoRoutes, { newsroomDir: config.assets.newsroomDir, demo });
  if (options.benchRoutes) {
    app.post('/api/v1/bench/noop', { schema: { hide: true } }, async () => ({ ok: true }));
  }
  return app;
}

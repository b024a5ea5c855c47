import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_MODES, type DemoMode } from './domain/demo-site.ts';
import { WEBHOOK_TIMEOUT_MS } from './jobs/delivery/webhook-channel.ts';
import { mailFromProblem } from './mail/mail-from.ts';
import { smtpUrlProblem } from './mail/smtp-url.ts';
import { DEFAULT_POOL_SIZE } from './store/open-store.ts';

/** How long a claimed delivery is held, in attempt timeouts (45 s by default). */
const DELIVERY_LEASE_ATTEMPTS = 3;

/** Everything the server reads from its environment, checked once at start. */
export interface Config {
  /** TCP port (PORT, default 8080). */
  port: number;
  /** Interface to listen on (HOST, default localhost: set 0.0.0.0 to serve other machines). */
  host: string;
  /** Folder of the embedded database (ERRATA_DATA_DIR, default ./data). */
  dataDir: string;
  /** ERRATA_DATABASE_URL, default sqlite:<dataDir>/errata.db; or postgres://user@host:5432/db. */
  databaseUrl: string;
  /** Most PostgreSQL connections this instance opens (ERRATA_DATABASE_POOL, default 10). */
  databasePool: number;
  /** Redis (or Valkey) that several instances share rate limits and live events through (ERRATA_REDIS_URL, unset = none). */
  redisUrl: string | undefined;
  /** Prefix of Errata's keys and channels in Redis, for installations sharing one (ERRATA_REDIS_PREFIX, default errata:). */
  redisPrefix: string;
  /** Address the server is reached at, for printed links and cookie security (ERRATA_PUBLIC_URL). */
  publicUrl: string;
  /** First owner's e-mail and password (ERRATA_ADMIN_EMAIL, ERRATA_ADMIN_PASSWORD), used only when no user exists. */
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  /** Reports one IP address may send per minute (ERRATA_REPORTS_PER_MINUTE, default 30). */
  reportsPerMinute: number;
  /** Trust X-Forwarded-* from this many proxies in front (ERRATA_TRUST_PROXY, default 0). */
  trustProxy: number;
  /** pino log level (LOG_LEVEL, default info). */
  logLevel: string;
  /**
   * Bearer token GET /metrics asks for (ERRATA_METRICS_TOKEN, unset = /metrics is open, for a
   * monitoring network only: block it at the proxy).
   */
  metricsToken: string | undefined;
  /** Adds POST /api/v1/bench/noop, the baseline `npm run bench` compares ingest with (ERRATA_BENCH_ROUTES=1). */
  benchRoutes: boolean;
  /**
   * E-mail: where to send (ERRATA_SMTP_URL, unset = no mail), the sender (ERRATA_MAIL_FROM),
   * the digest's UTC hour (ERRATA_DIGEST_HOUR, default 7), and how often each instance looks
   * whether digests are due (ERRATA_DIGEST_POLL, seconds, default 60; the instance sending
   * them holds the database lease "digest" for three polls, renewed each poll, so another
   * takes over within three polls of its death).
   */
  mail: { smtpUrl: string | undefined; from: string; digestHour: number; digestPollMs: number };
  /**
   * Deliveries (webhooks, e-mail): the longest one attempt may take (ERRATA_DELIVERY_TIMEOUT,
   * seconds, default 15), the wait for a webhook receiver within it (⅔ of it, 10 s at most),
   * and how long a claimed delivery stays held (three attempt timeouts, 45 s by default):
   * a delivery whose instance died is attempted again by another once that has passed.
   */
  delivery: { attemptTimeoutMs: number; webhookTimeoutMs: number; leaseMs: number };
  /**
   * The recheck: wait after an erratum is marked fixed before its page is checked
   * (ERRATA_RECHECK_DELAY, seconds, default 300), and the periodic pass over pages with open
   * errata (ERRATA_RECHECK_INTERVAL, seconds, default 86400; 0 turns it off).
   */
  recheck: { delayMs: number; intervalMs: number | null };
  /**
   * The demo newsroom at /demo/ and its site's reports (ERRATA_DEMO): `auto` (default) while
   * no other site exists, `on`, or `off`.
   */
  demo: DemoMode;
  /** Folders of the built widget, the built dashboard and the demo newsroom. */
  assets: { widgetDir: string; dashboardDir: string; newsroomDir: string };
}

const repoRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** Where the built widget, dashboard and demo live in this checkout. */
export const DEFAULT_ASSETS = {
  widgetDir: resolve(repoRoot, 'packages/widget/dist'),
  dashboardDir: resolve(repoRoot, 'packages/dashboard/dist'),
  newsroomDir: resolve(repoRoot, 'examples/newsroom'),
};

/** Reads the configuration; throws one clear line for a bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = integer(env, 'PORT', 8080, 1, 65535);
  const dataDir = resolve(env.ERRATA_DATA_DIR || 'data');
  const publicUrl = (env.ERRATA_PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(publicUrl)) {
    throw new Error(`ERRATA_PUBLIC_URL "${publicUrl}" must start with http:// or https://`);
  }
  return {
    port,
    host: env.HOST || 'localhost',
    dataDir,
    databaseUrl: env.ERRATA_DATABASE_URL || `sqlite:${resolve(dataDir, 'errata.db')}`,
    databasePool: integer(env, 'ERRATA_DATABASE_POOL', DEFAULT_POOL_SIZE, 1, 1000),
    redisUrl: redisUrl(env.ERRATA_REDIS_URL),
    redisPrefix: env.ERRATA_REDIS_PREFIX || 'errata:',
    publicUrl,
    adminEmail: env.ERRATA_ADMIN_EMAIL || undefined,
    adminPassword: env.ERRATA_ADMIN_PASSWORD || undefined,
    reportsPerMinute: integer(env, 'ERRATA_REPORTS_PER_MINUTE', 30, 1, Number.MAX_SAFE_INTEGER),
    trustProxy: integer(env, 'ERRATA_TRUST_PROXY', 0, 0, 100),
    logLevel: env.LOG_LEVEL || 'info',
    benchRoutes: env.ERRATA_BENCH_ROUTES === '1',
    metricsToken: metricsToken(env.ERRATA_METRICS_TOKEN),
    mail: {
      smtpUrl: smtpUrl(env.ERRATA_SMTP_URL),
      from: mailFrom(env.ERRATA_MAIL_FROM) ?? `Errata <errata@${new URL(publicUrl).hostname}>`,
      digestHour: integer(env, 'ERRATA_DIGEST_HOUR', 7, 0, 23),
      digestPollMs: integer(env, 'ERRATA_DIGEST_POLL', 60, 1, 3600) * 1000,
    },
    delivery: delivery(integer(env, 'ERRATA_DELIVERY_TIMEOUT', 15, 1, 3600) * 1000),
    recheck: {
      delayMs: integer(env, 'ERRATA_RECHECK_DELAY', 300, 0, 7 * 24 * 3600) * 1000,
      intervalMs: integer(env, 'ERRATA_RECHECK_INTERVAL', 24 * 3600, 0, 365 * 24 * 3600) * 1000 || null,
    },
    demo: demoMode(env.ERRATA_DEMO),
    assets: DEFAULT_ASSETS,
  };
}

/** Fewest characters of a metrics token: guessing it must take longer than the scrapes it would read. */
const METRICS_TOKEN_MIN = 16;

function metricsToken(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < METRICS_TOKEN_MIN || raw.length > 1024 || !/^[\x21-\x7e]+$/.test(raw)) {
    throw new Error(
      `ERRATA_METRICS_TOKEN must be ${METRICS_TOKEN_MIN} to 1024 characters without spaces (e.g. openssl rand -hex 32)`,
    );
  }
  return raw;
}

function demoMode(raw: string | undefined): DemoMode {
  if (raw === undefined || raw === '') return 'auto';
  const mode = DEMO_MODES.find((m) => m === raw.trim().toLowerCase());
  if (!mode) {
    throw new Error(
      `ERRATA_DEMO "${raw}" must be auto (the demo newsroom until a site of your own exists), on or off`,
    );
  }
  return mode;
}

function delivery(attemptTimeoutMs: number): Config['delivery'] {
  return {
    attemptTimeoutMs,
    // Shorter than the attempt, so the receiver's silence is reported in the webhook's own words.
    webhookTimeoutMs: Math.min(WEBHOOK_TIMEOUT_MS, Math.round((attemptTimeoutMs * 2) / 3)),
    // Beyond the attempt: recording its outcome has time to finish before another may take it.
    leaseMs: DELIVERY_LEASE_ATTEMPTS * attemptTimeoutMs,
  };
}

function mailFrom(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const problem = mailFromProblem(raw);
  if (problem) throw new Error(problem);
  return raw;
}

function smtpUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const problem = smtpUrlProblem(raw);
  if (problem) throw new Error(problem);
  return raw;
}

function redisUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!/^rediss?:\/\/[^/]/.test(value)) {
    throw new Error('ERRATA_REDIS_URL must look like redis://host:6379 (or rediss:// for TLS)');
  }
  return value;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} "${raw}" must be a whole number from ${min} to ${max}`);
  }
  return value;
}

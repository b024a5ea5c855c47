import type { ReportInput } from '@errata/core';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_ASSETS } from '../config.ts';
import { type DemoMode, ensureDemoSite } from '../domain/demo-site.ts';
import { ReportIngest, type ReportSender } from '../domain/report-ingest.ts';
import { addUser } from '../domain/users.ts';
import { buildApp } from '../http/app.ts';
import type { Mailer } from '../mail/transport.ts';
import type { RedisLink } from '../redis/redis-link.ts';
import { composeServices, type Services } from '../services.ts';
import { migrateToLatest } from '../store/migrator.ts';
import { openStore, type Store } from '../store/open-store.ts';
import { createSiteIfMissing } from '../store/sites-store.ts';
import { createTestDatabase } from './test-database.ts';

/**
 * A store on a fresh real database (a SQLite file, or a PostgreSQL database under
 * ERRATA_TEST_DATABASE=postgres: see test-database.ts), migrated, with the demo site.
 */
export async function openTestStore(): Promise<{
  store: Store;
  dir: string;
  /** The database's URL, for a second connection (another instance) or a reopening. */
  url: string;
  /** Closes the store and drops the database. */
  cleanup: () => Promise<void>;
  /** Drops the database only, for a test that closed the store itself. */
  drop: () => Promise<void>;
}> {
  const database = await createTestDatabase();
  const store = openStore(database.url);
  await migrateToLatest(store.db);
  await ensureDemoSite(store);
  return {
    store,
    dir: database.dir,
    url: database.url,
    cleanup: async () => {
      await store.close();
      await database.drop();
    },
    drop: database.drop,
  };
}

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  services: Services;
  close: () => Promise<void>;
}

/**
 * A whole Errata app over a fresh test database (or, with `store`, another instance over the
 * same one; with `redis`, sharing limits and live events through it); `inject()` or `listen()` it.
 */
export async function openTestApp(
  options: {
    reportsPerMinute?: number;
    redis?: RedisLink;
    store?: Store;
    /** Mails owners about bursts of wrong passwords, as ERRATA_SMTP_URL does. */
    signInMailer?: Mailer;
    /** ERRATA_PUBLIC_URL; default http://localhost. */
    publicUrl?: string;
    /** ERRATA_TRUST_PROXY: proxies in front whose X-Forwarded-For is believed; default 0. */
    trustProxy?: number;
    /** ERRATA_DEMO; default on, so tests may add sites and still use the demo's. */
    demo?: DemoMode;
    /** ERRATA_METRICS_TOKEN; default none (GET /metrics open). */
    metricsToken?: string;
  } = {},
): Promise<TestApp> {
  // A second instance is given the first one's store, and leaves closing it to the first.
  const { store, cleanup } = options.store
    ? { store: options.store, cleanup: async () => {} }
    : await openTestStore();
  const redis = options.redis ? { redis: options.redis } : {};
  const publicUrl = options.publicUrl ?? 'http://localhost';
  const services = await composeServices(store, { publicUrl, demo: options.demo ?? 'on', ...redis });
  const app = await buildApp({
    store,
    services,
    config: {
      publicUrl,
      reportsPerMinute: options.reportsPerMinute ?? 1_000_000,
      trustProxy: options.trustProxy ?? 0,
      assets: DEFAULT_ASSETS,
    },
    ...redis,
    ...(options.signInMailer ? { signInMailer: options.signInMailer } : {}),
    ...(options.metricsToken ? { metricsToken: options.metricsToken } : {}),
  });
  return {
    app,
    store,
    services,
    close: async () => {
      await app.close();
      await services.ingest.drained();
      await services.ingest.stop();
      await cleanup();
    },
  };
}

/** A second site with its own origin, for isolation tests. */
export async function addSite(store: Store, id: string, origin: string): Promise<void> {
  await createSiteIfMissing(
    store.db,
    { id, name: `Site ${id}`, publicKey: `${id}-key`, allowedOrigins: [origin], rootSelector: null },
    new Date().toISOString(),
  );
}

/** Adds an editor and signs in through the API; returns what the dashboard would hold, and the user's id. */
export async function signedInEditor(
  app: FastifyInstance,
  store: Store,
  account: { email: string; role?: 'owner' | 'editor' | 'viewer'; sites?: string[] },
): Promise<{ cookie: string; csrf: string; userId: string }> {
  const password = 'correct horse battery';
  await addUser(store, {
    email: account.email,
    password,
    role: account.role ?? 'editor',
    ...(account.sites ? { sites: account.sites } : {}),
  });
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/session',
    payload: { email: account.email, password },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'errata_session');
  if (!cookie) throw new Error('no session cookie');
  const session = response.json() as { csrfToken: string; user: { id: string } };
  return { cookie: `errata_session=${cookie.value}`, csrf: session.csrfToken, userId: session.user.id };
}

/** A reader sending a report from the test pages' host, as the reports route passes one to ReportIngest. */
export const TEST_SENDER: ReportSender = {
  ip: '203.0.113.9',
  origin: undefined,
  requestOrigin: 'http://localhost',
};

/** openTestStore with a ReportIngest on the store; cleanup waits for what it is grouping, then closes. */
export async function openTestIngest(): Promise<
  Awaited<ReturnType<typeof openTestStore>> & { ingest: ReportIngest }
> {
  const t = await openTestStore();
  const ingest = new ReportIngest(t.store, 'test-key');
  return {
    ...t,
    ingest,
    cleanup: async () => {
      await ingest.drained();
      await t.cleanup();
    },
  };
}

/** A valid report of the demo site, as the widget would send it from http://localhost. */
export function demoReport(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    site: 'demo',
    url: 'http://localhost/demo/articles/harbour-bridge.html',
    title: 'Old Harbour swing bridge',
    lang: 'en',
    quote: { exact: 'Roterdam', prefix: 'engineers from ', suffix: ' will inspect the' },
    position: { start: 120, end: 128 },
    suggestion: 'Rotterdam',
    ...overrides,
  };
}

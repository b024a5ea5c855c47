/**
 * The world of the browser tests (the widget's and the dashboard's), one per test file: the
 * real Errata server over a fresh SQLite file (startTestServer), the owner's API session, the
 * site's pages served from another origin (another port: the report is a cross-origin request,
 * as on a real site), and one Chromium. Before each test the owner creates a new site through
 * the server's API, as in the dashboard, and the file's pages are served embedding it: no test
 * sees another's reports or errata. Or, with `demo`, the tests use the demo newsroom the server
 * itself serves at /demo/ (its site "demo", shared by the file's tests). Browser contexts a test
 * opens are closed after it; those opened before the tests (in a beforeAll) live through them.
 */
import type { Erratum, ReportInput } from '@errata/core';
import { DEMO_SITE } from '@errata/server';
import { type PageServer, setSiteFlag, startPageServer } from '@errata/server/testing';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { type ApiSession, apiSession } from './api-session.ts';
import type { Embed } from './article-page.ts';
import { launchChromium } from './browser.ts';
import { OWNER, startTestServer } from './errata-server.ts';
import { HARNESS_HEADER, recordTraffic, type ServerTraffic } from './server-traffic.ts';
import { type StoredReport, storedReports } from './stored-reports.ts';

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/** A page of the site: its HTML, with extra response headers (a Content-Security-Policy…) if any. */
export type SitePage = string | { html: string; headers?: Record<string, string> };

export interface WidgetSiteOptions {
  /** The site's pages by path (with the query, if any), made for each test's embed line. */
  pages?: (embed: Embed) => Record<string, SitePage>;
  /** The site takes readers' e-mail addresses (its readerEmail setting, off by default). */
  readerEmail?: boolean;
  /**
   * The demo newsroom's pages and site instead of a site of each test's own; the server starts
   * with ERRATA_DEMO=on, so a test may add sites of its own and still use the demo.
   */
  demo?: boolean;
  /**
   * The site is marked local, as an intranet newsroom's, so that the recheck fetches its pages
   * on this machine (and its webhooks may reach receivers there); its origin is then the page
   * server's own address (127.0.0.1), where the server's fetch finds it whatever localhost
   * resolves to. With `demo`, the demo's site is marked local, as its operator would.
   */
  local?: boolean;
}

export interface WidgetSite {
  readonly server: TestServer;
  readonly browser: Browser;
  /** Where the site's pages are: http://localhost:<port>, another origin than the server's (its own for the demo). */
  readonly origin: string;
  /** This test's site's id (news-1, news-2…, or demo). */
  readonly id: string;
  /** This test's embed line: the server's origin and the site's public key. */
  readonly embed: Embed;
  /** What the server received from the browser during this test. */
  readonly traffic: ServerTraffic;
  /** The owner's API session, signed in once for the file. */
  readonly owner: ApiSession;
  /**
   * Opens `path` of the site (or an absolute address) in a new browser context, once the
   * widget's loader has run. `clock` installs Playwright's clock first, for a test that
   * moves the page's time itself.
   */
  open(path: string, options?: BrowserContextOptions & { clock?: boolean }): Promise<Page>;
  /** Serves `page` at `path` of this test's site from now on, in place of what was there. */
  serve(path: string, page: SitePage): void;
  /**
   * Opens the dashboard at `path` (/admin/ by default) in a new browser context, on an editor's
   * screen unless `viewport` says otherwise, and signs `account` (the owner by default) in.
   */
  signInToDashboard(
    account?: typeof OWNER,
    options?: BrowserContextOptions & { path?: string },
  ): Promise<Page>;
  /**
   * Sends a reader's report straight to the server, as the widget sends it from the site's
   * pages: of this test's site unless it names another, `url` a path of the site or an
   * address. Answers the erratum's id.
   */
  postReport(report: Omit<ReportInput, 'site'> & { site?: string }): Promise<string>;
  /** The report bodies this test's pages sent to the server, as the browser sent them. */
  sentReports(): ReportInput[];
  /** The reports the server stored for this test's site, oldest first. */
  reports(): Promise<StoredReport[]>;
  /** This test's site's inbox, as the editors' API lists it. */
  inbox(): Promise<Erratum[]>;
}

/** Reports one browser sends through a test file: all from one address, over the server's per-minute limit. */
const REPORTS_PER_MINUTE = '1000';
/** A stuck step fails with Playwright's account of it well before the test's own timeout. */
const STEP_TIMEOUT_MS = 15_000;
/** The dashboard on an editor's desk. */
const EDITOR_SCREEN = { width: 1280, height: 900 };

/** Starts the world before the file's tests and stops it after them; call it inside the describe. */
export function useWidgetSite(options: WidgetSiteOptions = {}): WidgetSite {
  let pages: PageServer | undefined;
  let sites = 0;
  let sent: ReportInput[] = [];
  /** The contexts the running test opened; null between tests. */
  let testContexts: BrowserContext[] | null = null;

  async function newContext(options: BrowserContextOptions): Promise<BrowserContext> {
    const context = await site.browser.newContext(options);
    testContexts?.push(context);
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    context.on('request', (request) => {
      if (request.method() === 'POST' && request.url() === `${site.server.url}/api/v1/reports`) {
        sent.push(request.postDataJSON());
      }
    });
    return context;
  }

  const site: { -readonly [K in keyof WidgetSite]: WidgetSite[K] } = {
    server: undefined as unknown as TestServer,
    browser: undefined as unknown as Browser,
    traffic: undefined as unknown as ServerTraffic,
    owner: undefined as unknown as ApiSession,
    origin: '',
    id: '',
    embed: { origin: '', key: '' },
    async open(path, { clock = false, ...contextOptions } = {}) {
      const page = await (await newContext(contextOptions)).newPage();
      if (clock) await page.clock.install();
      await page.goto(path.startsWith('/') ? `${site.origin}${path}` : path);
      await page.waitForFunction(() => 'Errata' in window);
      return page;
    },
    serve(path, page) {
      if (!pages) throw new Error('the demo newsroom serves its own pages');
      const { html, headers = {} } = typeof page === 'string' ? { html: page } : page;
      pages.set(path, (_request, response) =>
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(html),
      );
    },
    async signInToDashboard(account = OWNER, { path = '/admin/', ...contextOptions } = {}) {
      const page = await (await newContext({ viewport: EDITOR_SCREEN, ...contextOptions })).newPage();
      await page.goto(`${site.server.url}${path}`);
      await page.locator('input[name="email"]').fill(account.email);
      await page.locator('input[name="password"]').fill(account.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      return page;
    },
    async postReport(report) {
      const response = await fetch(`${site.server.url}/api/v1/reports?wait=erratum`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: site.origin, [HARNESS_HEADER]: 'report' },
        body: JSON.stringify({ site: site.embed.key, ...report, url: new URL(report.url, site.origin).href }),
      });
      const answer = await response.json();
      expect(response.status, JSON.stringify(answer)).toBe(201);
      return (answer as { erratum: { id: string } }).erratum.id;
    },
    sentReports: () => sent,
    reports: () => storedReports(site.server.store, site.id),
    async inbox() {
      return (await site.owner<{ items: Erratum[] }>('GET', `/api/v1/errata?site=${site.id}`)).items;
    },
  };

  beforeAll(async () => {
    site.server = await startTestServer(undefined, {
      env: { ERRATA_REPORTS_PER_MINUTE: REPORTS_PER_MINUTE, ...(options.demo ? { ERRATA_DEMO: 'on' } : {}) },
    });
    site.traffic = recordTraffic(site.server.app.server, site.server.url);
    site.owner = await apiSession(site.server.url);
    if (options.demo) {
      // The demo's site is the file's from the start: a beforeAll of the file may use it too.
      site.origin = site.server.url;
      site.id = DEMO_SITE.id;
      site.embed = { origin: site.server.url, key: DEMO_SITE.publicKey };
      // No API marks a site local: its operator does so on the server's command line.
      if (options.local) await setSiteFlag(site.server.store.db, site.id, 'local', true);
    } else {
      pages = await startPageServer();
      // localhost like the server: another origin but the same site, so a cookie could go along if
      // the widget let it. A local site's pages are also fetched by the server: see `local`.
      site.origin = options.local ? pages.origin : `http://localhost:${pages.port}`;
    }
    site.browser = await launchChromium();
  });
  afterAll(async () => {
    await site.browser?.close();
    await pages?.close();
    await site.server?.stop();
  });
  beforeEach(async () => {
    testContexts = [];
    site.traffic.forget();
    sent = [];
    if (!pages) return;
    site.id = `news-${++sites}`;
    const created = await site.owner<{ publicKey: string }>('POST', '/api/v1/sites', {
      id: site.id,
      name: `Daily Example ${sites}`,
      allowedOrigins: [site.origin],
    });
    if (options.readerEmail) await site.owner('PATCH', `/api/v1/sites/${site.id}`, { readerEmail: true });
    // No API marks a site local: its owner does so on the server's command line.
    if (options.local) await setSiteFlag(site.server.store.db, site.id, 'local', true);
    site.embed = { origin: site.server.url, key: created.publicKey };
    for (const [path, page] of Object.entries(options.pages?.(site.embed) ?? {})) site.serve(path, page);
  });
  afterEach(async () => {
    await Promise.all((testContexts ?? []).map((context) => context.close()));
    testContexts = null;
  });

  return site;
}

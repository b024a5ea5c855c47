/**
 * The world of the widget's browser tests, one per test file: the real Errata server over a
 * fresh SQLite file (startTestServer), the site's pages served from another origin (another
 * port: the report is a cross-origin request, as on a real site), and one Chromium. Before each
 * test the owner creates a new site through the server's API, as in the dashboard, and the
 * file's pages are served embedding it: no test sees another's reports or errata. Or, with
 * `demo`, the tests use the demo newsroom the server itself serves at /demo/ (its site "demo",
 * shared by the file's tests). Each test opens its pages in new browser contexts, closed after it.
 */
import type { Erratum, ReportInput } from '@errata/core';
import { DEMO_SITE } from '@errata/server';
import { type PageServer, startPageServer } from '@errata/server/testing';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Embed } from './article-page.ts';
import { launchChromium } from './browser.ts';
import { startTestServer } from './errata-server.ts';
import { type OwnerApi, signInOwner } from './owner-api.ts';
import { recordTraffic, type ServerTraffic } from './server-traffic.ts';
import { type StoredReport, storedReports } from './stored-reports.ts';

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/** A page of the site: its HTML, with extra response headers (a Content-Security-Policy…) if any. */
export type SitePage = string | { html: string; headers?: Record<string, string> };

export interface WidgetSiteOptions {
  /** The site's pages by path (with the query, if any), made for each test's embed line. */
  pages?: (embed: Embed) => Record<string, SitePage>;
  /** The site takes readers' e-mail addresses (its readerEmail setting, off by default). */
  readerEmail?: boolean;
  /** The demo newsroom's pages and site instead of a site of each test's own. */
  demo?: boolean;
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
  /**
   * Opens `path` of the site (or an absolute address) in a new browser context, once the
   * widget's loader has run. `clock` installs Playwright's clock first, for a test that
   * moves the page's time itself.
   */
  open(path: string, options?: BrowserContextOptions & { clock?: boolean }): Promise<Page>;
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

/** Starts the world before the file's tests and stops it after them; call it inside the describe. */
export function useWidgetSite(options: WidgetSiteOptions = {}): WidgetSite {
  let pages: PageServer | undefined;
  let owner: OwnerApi;
  let sites = 0;
  let sent: ReportInput[] = [];
  const contexts: BrowserContext[] = [];

  const site: { -readonly [K in keyof WidgetSite]: WidgetSite[K] } = {
    server: undefined as unknown as TestServer,
    browser: undefined as unknown as Browser,
    traffic: undefined as unknown as ServerTraffic,
    origin: '',
    id: '',
    embed: { origin: '', key: '' },
    async open(path, { clock = false, ...contextOptions } = {}) {
      const context = await site.browser.newContext(contextOptions);
      contexts.push(context);
      context.setDefaultTimeout(STEP_TIMEOUT_MS);
      context.on('request', (request) => {
        if (request.method() === 'POST' && request.url() === `${site.server.url}/api/v1/reports`) {
          sent.push(request.postDataJSON());
        }
      });
      const page = await context.newPage();
      if (clock) await page.clock.install();
      await page.goto(path.startsWith('/') ? `${site.origin}${path}` : path);
      await page.waitForFunction(() => 'Errata' in window);
      return page;
    },
    sentReports: () => sent,
    reports: () => storedReports(site.server.store, site.id),
    async inbox() {
      return (await owner<{ items: Erratum[] }>('GET', `/api/v1/errata?site=${site.id}`)).items;
    },
  };

  beforeAll(async () => {
    site.server = await startTestServer(undefined, {
      env: { ERRATA_REPORTS_PER_MINUTE: REPORTS_PER_MINUTE },
    });
    site.traffic = recordTraffic(site.server.app.server, site.server.url);
    owner = await signInOwner(site.server.url);
    if (options.demo) {
      site.origin = site.server.url;
    } else {
      pages = await startPageServer();
      // localhost like the server: another origin but the same site, so a cookie could go along if the widget let it.
      site.origin = `http://localhost:${pages.port}`;
    }
    site.browser = await launchChromium();
  });
  afterAll(async () => {
    await site.browser?.close();
    await pages?.close();
    await site.server?.stop();
  });
  beforeEach(async () => {
    site.traffic.forget();
    sent = [];
    if (!pages) {
      site.id = DEMO_SITE.id;
      site.embed = { origin: site.server.url, key: DEMO_SITE.publicKey };
      return;
    }
    site.id = `news-${++sites}`;
    const created = await owner<{ publicKey: string }>('POST', '/api/v1/sites', {
      id: site.id,
      name: `Daily Example ${sites}`,
      allowedOrigins: [site.origin],
    });
    if (options.readerEmail) await owner('PATCH', `/api/v1/sites/${site.id}`, { readerEmail: true });
    site.embed = { origin: site.server.url, key: created.publicKey };
    for (const [path, page] of Object.entries(options.pages?.(site.embed) ?? {})) {
      const { html, headers = {} } = typeof page === 'string' ? { html: page } : page;
      pages.set(path, (_request, response) =>
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(html),
      );
    }
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  return site;
}

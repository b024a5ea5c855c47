import { CLIENT_ID_PATTERN } from '@errata/core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, skipWithoutChromium } from './harness/browser.ts';
import {
  articlePage,
  dialogOf,
  SITE_KEY,
  selectText,
  startWidgetServers,
  statusReads,
  type WidgetServers,
} from './harness/widget-servers.ts';

const THANKS = 'Thank you! The editors will see it.';
const OFFLINE = 'You seem to be offline. We’ll send it when you’re back.';
const LATER = 'The server can’t take your report right now. We’ll send it a little later.';
const QUEUE_KEY = `errata:queue:${SITE_KEY}`;

describe.skipIf(skipWithoutChromium())('delivering reports', () => {
  let servers: WidgetServers;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    servers = await startWidgetServers();
    servers.pages.set('/article', { html: articlePage(servers.errataOrigin) });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    servers?.close();
  });
  beforeEach(async () => {
    servers.reset();
    context = await browser.newContext();
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    await open();
  });
  afterEach(async () => {
    await context?.close();
  });

  async function open(): Promise<void> {
    await page.goto(`${servers.siteOrigin}/article`);
    await page.waitForFunction(() => 'Errata' in window);
  }

  /** Opens the dialog for "Minks" and types a correction. */
  async function startReport() {
    await selectText(page, '#lead', 'Minks');
    await page.keyboard.press('Control+Enter');
    const dialog = dialogOf(page);
    await dialog.waitFor();
    await dialog.locator('[name=suggestion]').fill('Minsk');
    return dialog;
  }

  const queued = () =>
    page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '[]').length, QUEUE_KEY);
  const clientIds = () => new Set(servers.posts.map((post) => post.body.clientId));

  it('makes no request and sets no cookie until the reader selects text', async () => {
    await page.waitForTimeout(1000);
    expect(servers.requests).toEqual(['GET /widget.js']);
    expect(await context.cookies()).toEqual([]);
    await selectText(page, '#lead', 'Minks');
    await expect.poll(() => servers.requests.length).toBe(3);
    expect(servers.requests.slice(1).map((request) => request.replace(/-\w+\.js$/, '-<hash>.js'))).toEqual([
      'GET /widget/widget-dialog-<hash>.js',
      'GET /widget/widget-lang-en-<hash>.js',
    ]);
  });

  it('sends a report as a cookieless simple request carrying its own id', async () => {
    const dialog = await startReport();
    await dialog.getByRole('button', { name: 'Send' }).click();
    await statusReads(page, THANKS);
    expect(servers.posts).toHaveLength(1);
    expect(servers.posts[0]?.body.clientId).toMatch(new RegExp(CLIENT_ID_PATTERN));
    expect(servers.posts[0]?.contentType).toBe('text/plain;charset=UTF-8');
    expect(servers.posts[0]?.cookie).toBeUndefined();
    expect(servers.requests.filter((request) => request.startsWith('OPTIONS'))).toEqual([]);
  });

  it('keeps a report made offline and sends it, once, when the reader is back online', async () => {
    const dialog = await startReport();
    await context.setOffline(true);
    await dialog.getByRole('button', { name: 'Send' }).click();
    await statusReads(page, OFFLINE);
    expect(servers.posts).toEqual([]);
    expect(await queued()).toBe(1);

    await context.setOffline(false);
    await expect.poll(() => servers.stored.length).toBe(1);
    expect(servers.stored[0]).toMatchObject({ quote: { exact: 'Minks' }, suggestion: 'Minsk' });
    await expect.poll(queued).toBe(0);
    await page.waitForTimeout(1000);
    expect(servers.posts).toHaveLength(1);
  });

  it('sends a report the server could not take on the next visit, once', async () => {
    servers.scripted.push({ status: 503, body: { error: 'Service Unavailable' } });
    const dialog = await startReport();
    await dialog.getByRole('button', { name: 'Send' }).click();
    await statusReads(page, LATER);
    expect(servers.stored).toEqual([]);
    expect(await queued()).toBe(1);

    await page.reload();
    await expect.poll(() => servers.stored.length).toBe(1);
    expect(servers.stored[0]).toMatchObject({ quote: { exact: 'Minks' }, suggestion: 'Minsk' });
    await expect.poll(queued).toBe(0);
    // Another visit finds nothing left to send.
    await page.reload();
    await page.waitForFunction(() => 'Errata' in window);
    await page.waitForTimeout(1000);
    expect(servers.posts.map((post) => post.status)).toEqual([503, 201]);
  });

  it('counts a report once when coming back online and a new page both resend it', async () => {
    const dialog = await startReport();
    await context.setOffline(true);
    await dialog.getByRole('button', { name: 'Send' }).click();
    await statusReads(page, OFFLINE);
    await context.setOffline(false);
    await page.reload();
    await page.waitForFunction(() => 'Errata' in window);
    await expect.poll(queued).toBe(0);
    await page.waitForTimeout(1000);
    // Both may have sent it: the server kept it once and said so again (200) to the second.
    expect(servers.stored).toHaveLength(1);
    expect(clientIds().size).toBe(1);
    expect(servers.posts.map((post) => post.status).sort()).toEqual(
      servers.posts.length === 1 ? [201] : [200, 201],
    );
  });

  it('waits as long as a throttling server asks before sending again', async () => {
    servers.scripted.push({
      status: 429,
      body: { error: 'Too many reports' },
      headers: { 'Retry-After': '2' },
    });
    const dialog = await startReport();
    const sentAt = Date.now();
    await dialog.getByRole('button', { name: 'Send' }).click();
    await statusReads(page, LATER);
    await expect.poll(() => servers.stored.length, { timeout: 8_000 }).toBe(1);
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(2000);
    expect(servers.posts.map((post) => post.status)).toEqual([429, 201]);
  });

  it("shows the server's refusal and never resends a refused report by itself", async () => {
    servers.scripted.push({ status: 403, body: { error: 'This page is not part of the site.' } });
    const dialog = await startReport();
    await dialog.getByRole('button', { name: 'Send' }).click();
    await statusReads(page, 'This page is not part of the site.');
    expect(await dialog.locator('[name=suggestion]').inputValue()).toBe('Minsk');
    expect(await queued()).toBe(0);
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await page.waitForTimeout(1000);
    expect(servers.posts).toHaveLength(1);
  });

  it('lets a site report through Errata.report() and hear every step as DOM events', async () => {
    await selectText(page, '#lead', 'Minks');
    const outcome = await page.evaluate(async () => {
      const heard: string[] = [];
      for (const type of ['errata:open', 'errata:sent', 'errata:error'] as const) {
        document.addEventListener(type, (event) =>
          heard.push(`${type} ${JSON.stringify(event.detail).length > 2}`),
        );
      }
      const receipt = await window.Errata?.report({ suggestion: 'Minsk', comment: 'Capital.' });
      return { receipt, heard };
    });
    expect(outcome.receipt).toEqual({ id: 'r1', erratum: { id: 'e1', reports: 1, status: 'open' } });
    expect(outcome.heard).toEqual(['errata:sent true']);
    expect(servers.stored).toMatchObject([
      { quote: { exact: 'Minks' }, suggestion: 'Minsk', comment: 'Capital.' },
    ]);

    servers.scripted.push({ status: 400, body: { error: 'comment is longer than 2000 characters' } });
    const refused = await page.evaluate(async () => {
      const detail = new Promise((resolve) =>
        document.addEventListener('errata:error', (event) => resolve(event.detail.message), { once: true }),
      );
      const error = await window.Errata?.report({ comment: 'x' }).catch((error: Error) => error);
      return { error: { ...(error as object), message: (error as Error).message }, heard: await detail };
    });
    expect(refused).toEqual({
      error: {
        name: 'ErrataError',
        status: 400,
        queued: false,
        message: 'comment is longer than 2000 characters',
      },
      heard: 'comment is longer than 2000 characters',
    });
  });

  it('tells a site that opens the dialog which words it is about', async () => {
    await selectText(page, '#lead', 'Minks');
    const detail = await page.evaluate(
      () =>
        new Promise((resolve) => {
          document.addEventListener('errata:open', (event) => resolve(event.detail.quote.exact), {
            once: true,
          });
          window.Errata?.open();
        }),
    );
    expect(detail).toBe('Minks');
  });
});

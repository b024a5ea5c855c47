/**
 * Delivering reports, in a real browser against the real server: what the widget sends and
 * when, what it keeps when the server cannot take a report (offline, a 503, a 429, an answer
 * lost on the way back), and that however often a report is sent again, the server counts it once.
 */
import { CLIENT_ID_PATTERN, COMMENT_MAX } from '@errata/core';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { articleAndRefusedPages, UNKNOWN_KEY, UNKNOWN_SITE_REFUSAL } from './harness/article-page.ts';
import { ROUND_TRIP, skipWithoutChromium } from './harness/browser.ts';
import { faultReports } from './harness/report-faults.ts';
import {
  dialogOf,
  loaderIdle,
  partAdded,
  queuedReports,
  selectText,
  statusReads,
} from './harness/widget-page.ts';
import { useWidgetSite } from './harness/widget-site.ts';

const THANKS = 'Thank you! The editors will see it.';
const OFFLINE = 'You seem to be offline. We’ll send it when you’re back.';
const LATER = 'The server can’t take your report right now. We’ll send it a little later.';

describe.skipIf(skipWithoutChromium())('delivering reports', () => {
  const site = useWidgetSite({ pages: articleAndRefusedPages });
  let context: BrowserContext;
  let page: Page;

  beforeEach(async () => {
    page = await site.open('/article');
    context = page.context();
  });

  /** Opens the dialog for "Minks" and types a correction. */
  async function startReport() {
    await selectText(page, '#lead', 'Minks');
    await page.keyboard.press('Control+Enter');
    const dialog = dialogOf(page);
    await dialog.waitFor();
    await dialog.locator('[name=suggestion]').fill('Minsk');
    return dialog;
  }

  const queued = () => queuedReports(page, site.embed.key);
  /** The statuses the server answered the report POSTs it received with, in order. */
  const answered = () => site.traffic.reportPosts().map((post) => post.status);
  const storedMinsk = [{ quote: { exact: 'Minks' }, suggestion: 'Minsk' }];

  it('makes no request and sets no cookie until the reader selects text', async () => {
    await loaderIdle(page);
    await site.traffic.marker(page);
    expect(site.traffic.requests()).toEqual(['GET /widget.js']);
    expect(await context.cookies()).toEqual([]);
    await selectText(page, '#lead', 'Minks');
    await expect.poll(() => site.traffic.requests().length, ROUND_TRIP).toBe(3);
    expect(
      site.traffic
        .requests()
        .slice(1)
        .map((request) => request.replace(/-\w+\.js$/, '-<hash>.js')),
    ).toEqual(['GET /widget/widget-dialog-<hash>.js', 'GET /widget/widget-lang-en-<hash>.js']);
  });

  it('sends a report as a cookieless simple request carrying its own id', async () => {
    // A cookie the browser holds for the server's host (same site as the page): the report must not carry it.
    await context.addCookies([{ name: 'errata_probe', value: '1', url: site.embed.origin }]);
    const dialog = await startReport();
    await dialog.getByRole('button', { name: 'Send' }).click();
    await statusReads(page, THANKS);
    const posts = site.traffic.reportPosts();
    expect(posts).toHaveLength(1);
    expect(posts[0]?.headers['content-type']).toBe('text/plain;charset=UTF-8');
    expect(posts[0]?.headers.cookie).toBeUndefined();
    expect(site.traffic.requests().filter((request) => request.startsWith('OPTIONS'))).toEqual([]);
    const stored = await site.reports();
    expect(stored).toMatchObject(storedMinsk);
    expect(stored[0]?.clientId).toMatch(new RegExp(CLIENT_ID_PATTERN));
  });

  it('keeps a report made offline and sends it, once, when the reader is back online', async () => {
    const dialog = await startReport();
    await context.setOffline(true);
    await dialog.getByRole('button', { name: 'Send' }).click();
    await statusReads(page, OFFLINE);
    expect(site.traffic.reportPosts()).toEqual([]);
    expect(await queued()).toBe(1);

    await context.setOffline(false);
    await expect.poll(() => site.reports(), ROUND_TRIP).toMatchObject(storedMinsk);
    await expect.poll(queued, ROUND_TRIP).toBe(0);
    await site.traffic.marker(page);
    expect(answered()).toEqual([201]);
    expect(await site.inbox()).toMatchObject([{ reports: 1 }]);
  });

  it('sends a report the server could not take on the next visit, once', async () => {
    // A fake answer in front of the real server: it says 503 only when a flood fills its write queue.
    const outcomes = await faultReports(context, site.embed.origin, [{ status: 503 }]);
    const dialog = await startReport();
    await dialog.getByRole('button', { name: 'Send' }).click();
    await statusReads(page, LATER);
    expect(await queued()).toBe(1);

    await page.reload();
    await expect.poll(() => site.reports(), ROUND_TRIP).toMatchObject(storedMinsk);
    await expect.poll(queued, ROUND_TRIP).toBe(0);
    // Another visit finds nothing left to send. Its loader looks for reports to send, then asks
    // about the one it sent (the status part): once that question arrives, the look is over.
    await page.reload();
    const asked = () =>
      site.traffic.requests().filter((request) => request === 'POST /api/v1/reports/status');
    await expect.poll(asked, ROUND_TRIP).toHaveLength(1);
    expect(await partAdded(page, 'widget-dialog')).toBe(false);
    expect(outcomes).toEqual(['503', 'server']);
    expect(answered()).toEqual([201]);
  });

  it('counts a report once when coming back online and a new page both resend it', async () => {
    const dialog = await startReport();
    await context.setOffline(true);
    await dialog.getByRole('button', { name: 'Send' }).click();
    await statusReads(page, OFFLINE);
    await context.setOffline(false);
    await page.reload();
    await page.waitForFunction(() => 'Errata' in window);
    await expect.poll(queued, ROUND_TRIP).toBe(0);
    await site.traffic.marker(page);
    await expect.poll(() => answered().includes(undefined), ROUND_TRIP).toBe(false);
    // Both may have sent it: the server kept it once and said so again (200) to the second.
    expect(await site.reports()).toMatchObject(storedMinsk);
    expect(await site.inbox()).toMatchObject([{ reports: 1 }]);
    expect(answered().sort()).toEqual(answered().length === 1 ? [201] : [200, 201]);
  });

  it('counts a report once when the answer to it was lost and the next visit sends it again', async () => {
    // A dropped connection in front of the real server, which gets and stores the report.
    const outcomes = await faultReports(context, site.embed.origin, ['answer lost']);
    const dialog = await startReport();
    await dialog.getByRole('button', { name: 'Send' }).click();
    await statusReads(page, LATER);
    expect(await queued()).toBe(1);

    await page.reload();
    await expect.poll(queued, ROUND_TRIP).toBe(0);
    expect(outcomes).toEqual(['answer lost', 'server']);
    // The server stored it the first time and said so again, with the same receipt, the second.
    expect(answered()).toEqual([201, 200]);
    expect(await site.reports()).toMatchObject(storedMinsk);
    expect(await site.inbox()).toMatchObject([{ reports: 1 }]);
  });

  it('waits as long as a throttling server asks before sending again', async () => {
    page = await site.open('/article', { clock: true });
    // A fake answer in front of the real server, whose own 429 asks for up to a minute.
    const outcomes = await faultReports(page.context(), site.embed.origin, [
      { status: 429, retryAfterSeconds: 2 },
    ]);
    // From here the page's time moves only when the test moves it.
    await page.clock.pauseAt(Date.now() + 1_000);
    const dialog = await startReport();
    await dialog.getByRole('button', { name: 'Send' }).click();
    await statusReads(page, LATER);

    await page.clock.runFor(1_999);
    await site.traffic.marker(page);
    expect(outcomes).toEqual(['429']);
    await page.clock.runFor(1);
    await expect.poll(() => site.reports(), ROUND_TRIP).toMatchObject(storedMinsk);
    expect(outcomes).toEqual(['429', 'server']);
  });

  it("shows the server's refusal and never resends a refused report by itself", async () => {
    page = await site.open('/unknown-site');
    const dialog = await startReport();
    await dialog.getByRole('button', { name: 'Send' }).click();
    await statusReads(page, UNKNOWN_SITE_REFUSAL);
    expect(await dialog.locator('[name=suggestion]').inputValue()).toBe('Minsk');
    expect(await queuedReports(page, UNKNOWN_KEY)).toBe(0);
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await site.traffic.marker(page);
    expect(answered()).toEqual([403]);
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
    const [stored] = await site.reports();
    expect(stored).toMatchObject({ quote: { exact: 'Minks' }, suggestion: 'Minsk', comment: 'Capital.' });
    // The widget does not wait for the grouping: its receipt names the stored report.
    expect(outcome.receipt).toEqual({ id: stored?.id });
    expect(outcome.heard).toEqual(['errata:sent true']);

    const refused = await page.evaluate(
      async (comment) => {
        const detail = new Promise((resolve) =>
          document.addEventListener('errata:error', (event) => resolve(event.detail.message), { once: true }),
        );
        const error = await window.Errata?.report({ comment }).catch((error: Error) => error);
        return { error: { ...(error as object), message: (error as Error).message }, heard: await detail };
      },
      'x'.repeat(COMMENT_MAX + 1),
    );
    const message = `comment is longer than ${COMMENT_MAX} characters.`;
    expect(refused).toEqual({
      error: { name: 'ErrataError', status: 400, queued: false, message },
      heard: message,
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

/**
 * The inbox follows the site live, in a real browser against a real server: an editor has
 * the Open tab in front of them; reports posted by other readers appear and count up without
 * a reload, another editor's "fixed" takes the card away with a note, and while the browser
 * tab is hidden its title counts the errata that came in.
 */
import { addUser } from '@errata/server';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './harness/api-session.ts';
import { skipWithoutChromium } from './harness/browser.ts';
import { useWidgetSite } from './harness/widget-site.ts';

const skip = skipWithoutChromium();
const COLLEAGUE = { email: 'colleague@example.org', password: 'another horse battery staple' };
const LIVE = { timeout: 10_000 }; // An event crosses the server, the stream and a render: allow a loaded machine.

describe.skipIf(skip)('the inbox, live', () => {
  const site = useWidgetSite({ demo: true });
  /** The owner's inbox, open through every test as an editor's would be through a shift. */
  let editor: Page;

  beforeAll(async () => {
    await addUser(site.server.store, { ...COLLEAGUE, role: 'editor', sites: ['demo'] });
    editor = await openInbox();
  });

  /** A reader's report of `exact` on the demo article, sent the way the widget sends it. */
  async function postReport(exact: string, suggestion: string): Promise<void> {
    await site.postReport({
      url: '/demo/articles/harbour-bridge.html',
      title: 'Old Harbour swing bridge',
      lang: 'en',
      quote: { exact, prefix: 'engineers from ', suffix: ' will inspect the' },
      position: { start: 120, end: 120 + exact.length },
      suggestion,
    });
  }

  /** The owner, signed in, with the Open tab shown and the live stream open. */
  async function openInbox(): Promise<Page> {
    const page = await site.signInToDashboard();
    await page.locator('.inbox[data-live="live"]').waitFor();
    // A mark that a reload would wipe out.
    await page.evaluate(() => Object.assign(window, { stayedOnPage: true }));
    return page;
  }

  const stayedOnPage = () => editor.evaluate(() => 'stayedOnPage' in window);

  it('shows a report posted by another reader, then counts the second report of the same spot', async () => {
    const cards = editor.locator('article.erratum[data-source="reader"]');
    expect(await cards.count()).toBe(0);

    await postReport('Roterdam', 'Rotterdam');
    await expect.poll(() => cards.count(), LIVE).toBe(1);
    expect(await cards.first().locator('.report-count').textContent()).toBe('1 report');

    await postReport('Roterdam', 'Rotterdam');
    await expect.poll(() => cards.first().locator('.report-count').textContent(), LIVE).toBe('2 reports');
    expect(await cards.count()).toBe(1);
    expect(await stayedOnPage()).toBe(true);
  });

  it('takes away a card another editor marked fixed, with a note saying so', async () => {
    await postReport('Harbur', 'Harbour');
    const card = editor.locator('article.erratum', { hasText: 'Harbur' });
    await expect.poll(() => card.count(), LIVE).toBe(1);

    const colleague = await apiSession(site.server.url, COLLEAGUE);
    const id = await card.getAttribute('data-erratum-id');
    await colleague('PATCH', `/api/v1/errata/${id}`, { status: 'fixed' });

    await expect.poll(() => card.count(), LIVE).toBe(0);
    expect(await editor.locator('.live-note').textContent()).toBe(
      'Marked as fixed by another editor: “Harbur”.',
    );
    expect(await stayedOnPage()).toBe(true);
  });

  it('counts new errata in the title while the tab is hidden, and clears it when the editor looks', async () => {
    const title = 'Open · The demo newsroom · Errata';
    expect(await editor.title()).toBe(title);
    // Headless Chromium never hides a page by itself: stand in for the browser switching tabs.
    const setHidden = (hidden: boolean) =>
      editor.evaluate((value) => {
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => value });
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);

    await setHidden(true);
    await postReport('Bridgeworks', 'bridge works');
    await expect.poll(() => editor.title(), LIVE).toBe(`(1) ${title}`);
    await postReport('Bridgeworks', 'bridge works');
    await postReport('tomorow', 'tomorrow');
    await expect.poll(() => editor.locator('article.erratum', { hasText: 'tomorow' }).count(), LIVE).toBe(1);
    // The title follows its own listener of the feed: it may settle a frame after the list.
    await expect.poll(() => editor.title(), LIVE).toBe(`(2) ${title}`);

    await setHidden(false);
    await expect.poll(() => editor.title(), LIVE).toBe(title);
  });
});

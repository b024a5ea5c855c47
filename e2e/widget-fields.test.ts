/**
 * What the reader chooses and leaves beside the correction: the kind of mistake (typo unless
 * they pick another) and, where the site offers it (data-reader-email="on"), an optional
 * e-mail address for one thank-you once the mistake is fixed. Needs the built widget.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, skipWithoutChromium } from './harness/browser.ts';
import {
  articlePage,
  dialogOf,
  selectText,
  startWidgetServers,
  statusReads,
  type WidgetServers,
} from './harness/widget-servers.ts';

const THANKS = 'Thank you! The editors will see it.';

describe.skipIf(skipWithoutChromium())('the kind of mistake and the reader’s e-mail', () => {
  let servers: WidgetServers;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    servers = await startWidgetServers();
    servers.pages.set('/article', { html: articlePage(servers.errataOrigin) });
    servers.pages.set('/with-email', {
      html: articlePage(servers.errataOrigin, { script: 'data-reader-email="on"' }),
    });
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
  });
  afterEach(async () => {
    await context?.close();
  });

  async function openDialog(path: string) {
    await page.goto(`${servers.siteOrigin}${path}`);
    await page.waitForFunction(() => 'Errata' in window);
    await selectText(page, '#lead', 'Minks');
    await page.keyboard.press('Control+Enter');
    const dialog = dialogOf(page);
    await dialog.waitFor();
    return dialog;
  }

  it('reports a typo unless the reader picks another kind', async () => {
    const dialog = await openDialog('/article');
    const kind = dialog.getByLabel('Kind of mistake');
    expect(await kind.inputValue()).toBe('typo');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await statusReads(page, THANKS);
    expect(servers.stored).toMatchObject([{ quote: { exact: 'Minks' }, kind: 'typo' }]);
  });

  it('sends the kind the reader picked', async () => {
    const dialog = await openDialog('/article');
    await dialog.getByLabel('Kind of mistake').selectOption({ label: 'Broken link or media' });
    await dialog.getByRole('button', { name: 'Send' }).click();
    await statusReads(page, THANKS);
    expect(servers.stored).toMatchObject([{ kind: 'link' }]);
  });

  it('offers no e-mail field unless the site asks for one', async () => {
    const dialog = await openDialog('/article');
    expect(await dialog.locator('input[type=email]').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Send' }).click();
    await statusReads(page, THANKS);
    expect(servers.stored[0]).not.toHaveProperty('email');
  });

  it('sends the optional e-mail address where the site offers the field, and only a valid one', async () => {
    const dialog = await openDialog('/with-email');
    const email = dialog.getByLabel('Email me once when it’s fixed (optional)');
    await email.fill('not an address');
    await page.keyboard.press('Control+Enter');
    // The browser's own validation stops it: nothing is sent.
    expect(await email.evaluate((input: HTMLInputElement) => input.validity.valid)).toBe(false);
    expect(servers.posts).toEqual([]);

    await email.fill('reader@example.org');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await statusReads(page, THANKS);
    expect(servers.stored).toMatchObject([{ email: 'reader@example.org' }]);
  });

  it('sends without an address when the reader leaves the field empty', async () => {
    const dialog = await openDialog('/with-email');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await statusReads(page, THANKS);
    expect(servers.stored[0]).not.toHaveProperty('email');
  });
});

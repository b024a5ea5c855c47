/**
 * What the reader chooses and leaves beside the correction: the kind of mistake (typo unless
 * they pick another) and, where the site offers it (data-reader-email="on"), an optional
 * e-mail address for one thank-you once the mistake is fixed. Needs the built widget.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { articlePage } from './harness/article-page.ts';
import { skipWithoutChromium } from './harness/browser.ts';
import { dialogOf, selectText, statusReads } from './harness/widget-page.ts';
import { useWidgetSite } from './harness/widget-site.ts';

const THANKS = 'Thank you! The editors will see it.';

describe.skipIf(skipWithoutChromium())('the kind of mistake and the reader’s e-mail', () => {
  const site = useWidgetSite({
    readerEmail: true,
    pages: (embed) => ({
      '/article': articlePage(embed),
      '/with-email': articlePage(embed, { script: 'data-reader-email="on"' }),
    }),
  });
  let page: Page;

  async function openDialog(path: string) {
    page = await site.open(path);
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
    expect(await site.reports()).toMatchObject([{ quote: { exact: 'Minks' }, kind: 'typo' }]);
  });

  it('sends the kind the reader picked', async () => {
    const dialog = await openDialog('/article');
    await dialog.getByLabel('Kind of mistake').selectOption({ label: 'Broken link or media' });
    await dialog.getByRole('button', { name: 'Send' }).click();
    await statusReads(page, THANKS);
    expect(await site.reports()).toMatchObject([{ kind: 'link' }]);
  });

  it('offers no e-mail field unless the site asks for one', async () => {
    const dialog = await openDialog('/article');
    expect(await dialog.locator('input[type=email]').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Send' }).click();
    await statusReads(page, THANKS);
    expect(await site.reports()).toMatchObject([{ email: null }]);
  });

  it('sends the optional e-mail address where the site offers the field, and only a valid one', async () => {
    const dialog = await openDialog('/with-email');
    const email = dialog.getByLabel('Email me once when it’s fixed (optional)');
    await email.fill('not an address');
    await page.keyboard.press('Control+Enter');
    // The browser's own validation stops it.
    expect(await email.evaluate((input: HTMLInputElement) => input.validity.valid)).toBe(false);

    await email.fill('reader@example.org');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await statusReads(page, THANKS);
    // The valid send arrived after the stopped one would have: that one sent nothing.
    expect(site.traffic.reportPosts()).toHaveLength(1);
    expect(await site.reports()).toMatchObject([{ email: 'reader@example.org' }]);
  });

  it('sends without an address when the reader leaves the field empty', async () => {
    const dialog = await openDialog('/with-email');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await statusReads(page, THANKS);
    expect(site.traffic.reportPosts()[0]?.status).toBe(201);
    expect(await site.reports()).toMatchObject([{ email: null }]);
  });
});

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

const HINT = 'Select the words with the mistake first.';

describe.skipIf(skipWithoutChromium())('the widget for desktop readers', () => {
  let servers: WidgetServers;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    servers = await startWidgetServers();
    const notes = '<aside><div id="draft" contenteditable="true">My draft says Minks too.</div></aside>';
    servers.pages.set('/article', { html: articlePage(servers.errataOrigin, { outside: notes }) });
    servers.pages.set('/no-button', {
      html: articlePage(servers.errataOrigin, { script: 'data-button="off"' }),
    });
    servers.pages.set('/own-button', {
      html: articlePage(servers.errataOrigin, {
        script: 'data-button="#report-typo"',
        outside: '<footer><button id="report-typo" type="button">Spotted a typo?</button></footer>',
      }),
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    servers?.close();
  });
  beforeEach(async () => {
    servers.reset();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });

  async function open(path: string): Promise<void> {
    await page.goto(`${servers.siteOrigin}${path}`);
    await page.waitForFunction(() => 'Errata' in window);
  }

  /** The widget control with the focus (inside its shadow root), by name or text; null elsewhere. */
  function focused(): Promise<string | null> {
    return page.evaluate(() => {
      const host = document.activeElement;
      const inner = host?.shadowRoot?.activeElement;
      return inner ? inner.getAttribute('name') || inner.textContent : null;
    });
  }

  it('lets a reader report with the keyboard alone, and gives the focus back', async () => {
    await open('/article');
    // Caret browsing puts the caret before "Minks"; Shift+→ selects it letter by letter.
    await selectText(page, '#lead', 'M');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
    // The reader was somewhere on the page: the focus must come back there.
    await page.focus('#headline');
    expect(await page.evaluate(() => document.getSelection()?.toString())).toBe('Minks');
    await page.keyboard.press('Control+Enter');
    await dialogOf(page).waitFor();
    expect(await focused()).toBe('suggestion');

    await page.keyboard.type('Minsk');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('comment');
    await page.keyboard.type('The capital of Belarus.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Send');
    await page.keyboard.press('Enter');
    await statusReads(page, 'Thank you! The editors will see it.');
    expect(await focused()).toBe('Close');
    expect(servers.stored).toMatchObject([
      { quote: { exact: 'Minks' }, suggestion: 'Minsk', comment: 'The capital of Belarus.' },
    ]);

    await page.keyboard.press('Enter');
    await page.locator('#errata-widget').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('headline');
  });

  it('shows the button beside a mouse selection, as the next Tab stop, and Enter opens the dialog', async () => {
    await open('/article');
    const word = await page.evaluate(() => {
      const text = document.querySelector('#lead')?.firstChild as Text;
      const range = document.createRange();
      const at = (text.nodeValue ?? '').indexOf('Minks');
      range.setStart(text, at);
      range.setEnd(text, at + 5);
      const box = range.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: box.top + box.height / 2, bottom: box.bottom };
    });
    await page.mouse.dblclick(word.x, word.y);
    const button = page.getByRole('button', { name: 'Report a mistake' });
    await button.waitFor();
    const box = await button.boundingBox();
    // Just under the selected word, not over it.
    expect(box?.y).toBeGreaterThanOrEqual(word.bottom);
    expect(box?.y).toBeLessThan(word.bottom + 40);

    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Report a mistake');
    await page.keyboard.press('Enter');
    await dialogOf(page).waitFor();
    expect(await dialogOf(page).locator('mark').textContent()).toBe('Minks');
    expect(await button.count()).toBe(0);
  });

  it('hides the button again when the selection goes away', async () => {
    await open('/article');
    await selectText(page, '#lead', 'Minks');
    const button = page.getByRole('button', { name: 'Report a mistake' });
    await button.waitFor();
    await page.evaluate(() => document.getSelection()?.removeAllRanges());
    await button.waitFor({ state: 'detached' });
  });

  it('shows a short hint, and sends nothing, for Ctrl+Enter with nothing selected', async () => {
    await open('/article');
    await page.keyboard.press('Control+Enter');
    const hint = page.locator('#errata-toast [role=status]');
    await expect.poll(() => hint.textContent()).toBe(HINT);
    expect(await hint.isVisible()).toBe(true);
    expect(await page.locator('#errata-widget').count()).toBe(0);
    // It goes away by itself.
    await page.locator('#errata-toast').waitFor({ state: 'detached' });
    expect(servers.posts).toEqual([]);
  });

  it('leaves Ctrl+Enter to the page while the reader types in an editable area', async () => {
    await open('/article');
    await page.focus('#draft');
    await page.evaluate(() => {
      const text = document.querySelector('#draft')?.firstChild as Text;
      document.getSelection()?.setBaseAndExtent(text, 15, text, 20);
    });
    await page.keyboard.press('Control+Enter');
    await page.waitForTimeout(500);
    expect(await page.locator('#errata-widget, #errata-toast').count()).toBe(0);
  });

  it('shows no button when the site turns it off, but Ctrl+Enter still works', async () => {
    await open('/no-button');
    await selectText(page, '#lead', 'Minks');
    await page.waitForTimeout(1000);
    expect(await page.locator('#errata-button').count()).toBe(0);
    await page.keyboard.press('Control+Enter');
    await dialogOf(page).waitFor();
  });

  it("binds the site's own button instead of showing the widget's", async () => {
    await open('/own-button');
    await page.click('#report-typo');
    await expect.poll(() => page.locator('#errata-toast [role=status]').textContent()).toBe(HINT);

    await selectText(page, '#lead', 'Minks');
    await page.click('#report-typo');
    await dialogOf(page).waitFor();
    expect(await dialogOf(page).locator('mark').textContent()).toBe('Minks');
    expect(await page.locator('#errata-button').count()).toBe(0);
  });
});

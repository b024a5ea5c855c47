/**
 * The widget for desktop readers, in a real browser against the real server: reporting with
 * the keyboard alone, the button beside a mouse selection, the hint, the shortcut left to the
 * page's editable areas, and a site's own button or none.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { articlePage } from './harness/article-page.ts';
import { ROUND_TRIP, skipWithoutChromium } from './harness/browser.ts';
import { dialogOf, selectText, statusReads, widgetTookShortcut } from './harness/widget-page.ts';
import { useWidgetSite } from './harness/widget-site.ts';

const HINT = 'Select the words with the mistake first.';
/** Longer than the quiet time after which the widget's button shows beside a selection that rests. */
const SETTLED_MS = 5_000;

describe.skipIf(skipWithoutChromium())('the widget for desktop readers', () => {
  const site = useWidgetSite({
    pages: (embed) => ({
      '/article': articlePage(embed, {
        outside: '<aside><div id="draft" contenteditable="true">My draft says Minks too.</div></aside>',
      }),
      '/no-button': articlePage(embed, { script: 'data-button="off"' }),
      '/own-button': articlePage(embed, {
        script: 'data-button="#report-typo"',
        outside: '<footer><button id="report-typo" type="button">Spotted a typo?</button></footer>',
      }),
    }),
  });
  let page: Page;

  async function open(path: string, options: { clock?: boolean } = {}): Promise<void> {
    page = await site.open(path, { viewport: { width: 1280, height: 800 }, ...options });
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
    expect(await site.reports()).toMatchObject([
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
    await expect.poll(() => hint.textContent(), ROUND_TRIP).toBe(HINT);
    expect(await hint.isVisible()).toBe(true);
    expect(await page.locator('#errata-widget').count()).toBe(0);
    // It goes away by itself.
    await page.locator('#errata-toast').waitFor({ state: 'detached' });
    await site.traffic.marker(page);
    expect(site.traffic.reportPosts()).toEqual([]);
  });

  it('leaves Ctrl+Enter to the page while the reader types in an editable area', async () => {
    await open('/article');
    await page.focus('#draft');
    await page.evaluate(() => {
      const text = document.querySelector('#draft')?.firstChild as Text;
      document.getSelection()?.setBaseAndExtent(text, 15, text, 20);
    });
    expect(await widgetTookShortcut(page)).toBe(false);
    expect(await page.locator('#errata-widget, #errata-toast').count()).toBe(0);
  });

  it('shows no button when the site turns it off, but Ctrl+Enter still works', async () => {
    await open('/no-button', { clock: true });
    // The widget's parts are there (a report with nothing selected loads them and sends nothing)…
    await page.evaluate(() => window.Errata?.report().catch(() => null));
    const changed = page.evaluate(
      () => new Promise((resolve) => document.addEventListener('selectionchange', resolve, { once: true })),
    );
    await selectText(page, '#lead', 'Minks');
    // …have heard the selection change (the page hears it after them), and the selection has rested.
    await changed;
    await page.clock.runFor(SETTLED_MS);
    expect(await page.locator('#errata-button').count()).toBe(0);
    await page.keyboard.press('Control+Enter');
    await dialogOf(page).waitFor();
  });

  it("binds the site's own button instead of showing the widget's", async () => {
    await open('/own-button');
    await page.click('#report-typo');
    await expect.poll(() => page.locator('#errata-toast [role=status]').textContent(), ROUND_TRIP).toBe(HINT);

    await selectText(page, '#lead', 'Minks');
    await page.click('#report-typo');
    await dialogOf(page).waitFor();
    expect(await dialogOf(page).locator('mark').textContent()).toBe('Minks');
    expect(await page.locator('#errata-button').count()).toBe(0);
  });
});

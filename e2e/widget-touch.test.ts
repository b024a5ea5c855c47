/**
 * The widget on a phone, in a real browser (390×844, touch) against the real server: the
 * button beside a selection, where it goes at the screen's edge, and a dialog that fits.
 */
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { articlePage, LEAD } from './harness/article-page.ts';
import { skipWithoutChromium } from './harness/browser.ts';
import { dialogOf, selectText, statusReads } from './harness/widget-page.ts';
import { useWidgetSite } from './harness/widget-site.ts';

/** Height below the selection's last line that Android's and iOS's selection handles take. */
const HANDLES = 24;

/** The selection's boxes on screen. */
function selectionRects(page: Page) {
  return page.evaluate(() =>
    Array.from(document.getSelection()?.getRangeAt(0).getClientRects() ?? [])
      .filter((rect) => rect.width > 0)
      .map(({ left, top, right, bottom }) => ({ left, top, right, bottom })),
  );
}

describe.skipIf(skipWithoutChromium())('the widget on a phone', () => {
  const filler = '<p>The council met for hours on end and read every amendment aloud.</p>'.repeat(12);
  const site = useWidgetSite({
    pages: (embed) => ({
      '/article': articlePage(embed, {
        head: '<style>body{margin:0 16px;font:18px/1.5 serif}</style>',
        article: `<p id="lead">${LEAD}</p>${filler}<p id="last">The very last word of this story is bridge.</p>`,
      }),
    }),
  });
  let page: Page;

  beforeEach(async () => {
    page = await site.open('/article', {
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 3,
      isMobile: true,
      hasTouch: true,
    });
  });

  it('reports through the button that appears beside a selection, with one tap', async () => {
    await selectText(page, '#lead', 'Minks');
    const button = page.getByRole('button', { name: 'Report a mistake' });
    await button.waitFor();
    const box = await button.boundingBox();
    const [word] = await selectionRects(page);
    if (!box || !word) throw new Error('no button or no selection on screen');

    // Below the word and its handles, never over them, and big enough for a finger.
    expect(box.y).toBeGreaterThanOrEqual(word.bottom + HANDLES);
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);

    await button.tap();
    const dialog = dialogOf(page);
    await dialog.waitFor();
    expect(await dialog.locator('mark').textContent()).toBe('Minks');
    await dialog.locator('[name=suggestion]').fill('Minsk');
    await dialog.getByRole('button', { name: 'Send' }).tap();
    await statusReads(page, 'Thank you! The editors will see it.');
    expect(await site.reports()).toMatchObject([{ quote: { exact: 'Minks' }, suggestion: 'Minsk' }]);
  });

  it('keeps the button on screen for a selection at the bottom edge, above the words instead', async () => {
    await selectText(page, '#last', 'story');
    // The reader scrolls the line to the very bottom of the screen and selects the word again.
    await page.evaluate(() => {
      const selection = document.getSelection() as Selection;
      const range = selection.getRangeAt(0);
      scrollBy(0, range.getBoundingClientRect().bottom - innerHeight + 4);
      selection.removeAllRanges();
      selection.addRange(range);
    });
    const button = page.getByRole('button', { name: 'Report a mistake' });
    await button.waitFor();
    const box = await button.boundingBox();
    const [word] = await selectionRects(page);
    if (!box || !word) throw new Error('no button or no selection on screen');
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    expect(box.y + box.height).toBeLessThanOrEqual(word.top);
  });

  it('fits the dialog on a 320 px wide screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 320, height: 568 });
    await selectText(page, '#lead', 'Minks');
    expect(await page.evaluate(() => window.Errata?.open())).toBe(true);
    const dialog = dialogOf(page);
    await dialog.waitFor();
    const box = await dialog.boundingBox();
    expect(box?.x).toBeGreaterThanOrEqual(0);
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(320);
    expect(await dialog.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    // Every control can be reached and used.
    const send = dialog.getByRole('button', { name: 'Send' });
    await send.scrollIntoViewIfNeeded();
    expect(await send.isVisible()).toBe(true);
    await send.tap();
    await statusReads(page, 'Thank you! The editors will see it.');
  });
});

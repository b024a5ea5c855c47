/**
 * The whole slice in a real browser against a real server: a reader on the demo newsroom
 * selects a misspelt place name with the mouse, presses Ctrl+Enter, types the correction and
 * sends it; a second reader reports the same word; the editor signs in to the dashboard and
 * sees one erratum with two reports and the suggested fix, and closes it.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROUND_TRIP, skipWithoutChromium } from './harness/browser.ts';
import { plantedMistake } from './harness/newsroom.ts';
import { selectWithMouse } from './harness/select-text.ts';
import { useWidgetSite } from './harness/widget-site.ts';

const placeName = plantedMistake('place-name');

describe.skipIf(skipWithoutChromium())('reader to editor, end to end', () => {
  const site = useWidgetSite({ demo: true });
  const viewport = { width: 1280, height: 800 };

  /** One reader, in a browser profile of their own, reports the planted place name. */
  async function reportAsReader(correction: string): Promise<Page> {
    const page = await site.open(`/demo/${placeName.page}`, { viewport });
    expect(await selectWithMouse(page, placeName.exact)).toBe(placeName.exact);
    await page.keyboard.press('Control+Enter');

    const dialog = page.getByRole('dialog', { name: 'Report a mistake' });
    await expect.poll(() => dialog.isVisible(), ROUND_TRIP).toBe(true);
    expect(await dialog.locator('mark').textContent()).toBe(placeName.exact);
    const field = dialog.locator('textarea[name="suggestion"]');
    expect(await field.inputValue()).toBe(placeName.exact);
    await field.fill(correction);
    await dialog.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => dialog.getByRole('status').textContent(), ROUND_TRIP)
      .toBe('Thank you! The editors will see it.');
    return page;
  }

  it('joins two readers’ reports of the same word into one erratum the editor sees and closes', async () => {
    const first = await reportAsReader(placeName.correction);
    const second = await reportAsReader(placeName.correction);
    await first.context().close();
    await second.context().close();

    const editor = await site.signInToDashboard();

    // The proofreader reads the article after its first report and may add errata of its own.
    const card = editor.locator('article.erratum[data-source="reader"]');
    await expect.poll(() => card.count(), ROUND_TRIP).toBe(1);
    expect(await card.locator('mark').first().textContent()).toBe(placeName.exact);
    expect(await card.locator('.report-count').textContent()).toBe('2 reports');
    const suggestion = await card.locator('.suggestion').first().textContent();
    expect(suggestion).toContain(`${placeName.correction} ×2`);

    await card.getByRole('button', { name: 'Fixed', exact: true }).click();
    await expect.poll(() => card.count(), ROUND_TRIP).toBe(0);
    // The card leaves the list at once (undo is offered); the change reaches the server right after.
    const stored = () =>
      site.server.store.db
        .selectFrom('errata')
        .select(['status', 'report_count'])
        .where('source', '=', 'reader')
        .execute();
    await expect.poll(stored, ROUND_TRIP).toEqual([{ status: 'fixed', report_count: 2 }]);
    await editor.context().close();
  });
});

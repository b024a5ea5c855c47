/**
 * The reader's side of closing the loop, in a real browser against a real server: the kind
 * of mistake a reader picks reaches the server, and once their mistake is corrected, their
 * next visit to the site thanks them, once. The widget asks the server only when it keeps
 * ids of reports this browser sent.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROUND_TRIP, skipWithoutChromium } from './harness/browser.ts';
import { plantedMistake } from './harness/newsroom.ts';
import { selectWithMouse } from './harness/select-text.ts';
import { loaderIdle, partAdded } from './harness/widget-page.ts';
import { useWidgetSite } from './harness/widget-site.ts';

const planted = plantedMistake('place-name');

describe.skipIf(skipWithoutChromium())('the reader hears back', () => {
  const site = useWidgetSite({ demo: true });
  let page: Page;

  /** The questions the page asked the Errata server's status endpoint. */
  const statusRequests = () =>
    site.traffic.requests().filter((request) => request === 'POST /api/v1/reports/status');

  /** Loads the article with the planted mistake, once the loader's idle-time work is done. */
  async function visit(): Promise<void> {
    page = await site.open(`/demo/${planted.page}`, {
      viewport: { width: 1280, height: 800 },
    });
    await loaderIdle(page);
  }

  /** Visits the page again, once the loader's idle-time work is done. */
  async function revisit(): Promise<void> {
    await page.reload();
    await page.waitForFunction(() => 'Errata' in window);
    await loaderIdle(page);
  }

  /** Reports the planted mistake as a factual error; returns the report's id from the receipt. */
  async function report(): Promise<{ id: string; body: Record<string, unknown> }> {
    expect(await selectWithMouse(page, planted.exact)).toBe(planted.exact);
    await page.keyboard.press('Control+Enter');
    const dialog = page.getByRole('dialog', { name: 'Report a mistake' });
    await dialog.locator('select[name=kind]').selectOption('factual');
    await dialog.locator('textarea[name=suggestion]').fill(planted.correction);
    const posted = page.waitForRequest((request) => new URL(request.url()).pathname === '/api/v1/reports');
    const answered = page.waitForResponse(
      (response) => new URL(response.url()).pathname === '/api/v1/reports',
    );
    await dialog.getByRole('button', { name: 'Send' }).click();
    const body = (await posted).postDataJSON() as Record<string, unknown>;
    const receipt = (await (await answered).json()) as { id: string };
    await expect
      .poll(() => dialog.getByRole('status').textContent(), ROUND_TRIP)
      .toBe('Thank you! The editors will see it.');
    return { id: receipt.id, body };
  }

  /** The report once grouped into its erratum: that follows the 201, on the server's grouping thread. */
  async function grouped(id: string) {
    const row = () =>
      site.server.store.db
        .selectFrom('reports')
        .select(['kind', 'erratum_id'])
        .where('id', '=', id)
        .executeTakeFirst();
    await expect.poll(row, ROUND_TRIP).toBeDefined();
    return (await row()) as NonNullable<Awaited<ReturnType<typeof row>>>;
  }

  it('sends the kind the reader chose, and the server keeps it', async () => {
    await visit();
    const { id, body } = await report();
    expect(body.kind).toBe('factual');
    expect((await grouped(id)).kind).toBe('factual');
  });

  it('asks nothing of the server on a visit when this browser sent no reports', async () => {
    await visit();
    await revisit();
    // The loader's look for ids to ask about is over, and loaded nothing to ask with.
    expect(await partAdded(page, 'widget-status')).toBe(false);
    await site.traffic.marker(page);
    expect(statusRequests()).toEqual([]);
  });

  it('thanks the reader once, on a later visit, when their mistake was corrected', async () => {
    await visit();
    const { id } = await report();
    // The editors fixed the page and a recheck verified it.
    const { erratum_id: erratumId } = await grouped(id);
    await site.server.store.db
      .updateTable('errata')
      .set({ status: 'verified', replaced_by: planted.correction })
      .where('id', '=', erratumId)
      .execute();

    await page.reload();
    const toast = page.locator('#errata-toast [role=status]');
    await expect
      .poll(() => toast.textContent(), ROUND_TRIP)
      .toBe(`The mistake you reported in “${planted.exact}” was corrected. Thank you.`);
    expect(statusRequests()).toHaveLength(1);
    // Dismissible with the keyboard.
    await page.locator('#errata-toast button').focus();
    await page.keyboard.press('Enter');
    await page.locator('#errata-toast').waitFor({ state: 'detached' });

    // Once: the ids are forgotten, so the next visit neither thanks nor asks again.
    await revisit();
    expect(await partAdded(page, 'widget-status')).toBe(false);
    await site.traffic.marker(page);
    expect(await page.locator('#errata-toast').count()).toBe(0);
    expect(statusRequests()).toHaveLength(1);
  });
});

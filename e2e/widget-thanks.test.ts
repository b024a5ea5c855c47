/**
 * The reader's side of closing the loop, in a real browser against a real server: the kind
 * of mistake a reader picks reaches the server, and once their mistake is corrected, their
 * next visit to the site thanks them, once. The widget asks the server only when it keeps
 * ids of reports this browser sent.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, skipWithoutChromium } from './harness/browser.ts';
import { startTestServer } from './harness/errata-server.ts';
import { selectWithMouse } from './harness/select-text.ts';

interface PlantedMistake {
  page: string;
  exact: string;
  correction: string;
  kind: string;
}

const mistakes = JSON.parse(
  readFileSync(new URL('../examples/newsroom/mistakes.json', import.meta.url), 'utf8'),
) as PlantedMistake[];
const planted = mistakes.find((m) => m.kind === 'place-name') as PlantedMistake;
const STATUS_PATH = '/api/v1/reports/status';
/** Time for the loader's work when the page is idle (it runs within milliseconds of the load event). */
const IDLE_WAIT_MS = 1_500;

describe.skipIf(skipWithoutChromium())('the reader hears back', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** Paths of the requests the page made to the Errata server's status endpoint. */
  let statusRequests: string[];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(15_000);
    statusRequests = [];
    context.on('request', (request) => {
      if (new URL(request.url()).pathname === STATUS_PATH) statusRequests.push(request.url());
    });
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });

  /** Loads the article with the planted mistake and waits until the loader's idle-time work is done. */
  async function visit(): Promise<void> {
    await page.goto(`${server.url}/demo/${planted.page}`);
    await page.waitForFunction(() => 'Errata' in window);
    await page.waitForTimeout(IDLE_WAIT_MS);
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
      .poll(() => dialog.getByRole('status').textContent())
      .toBe('Thank you! The editors will see it.');
    return { id: receipt.id, body };
  }

  it('sends the kind the reader chose, and the server keeps it', async () => {
    await visit();
    const { id, body } = await report();
    expect(body.kind).toBe('factual');
    const stored = await server.store.db
      .selectFrom('reports')
      .select(['kind'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.kind).toBe('factual');
  });

  it('asks nothing of the server on a visit when this browser sent no reports', async () => {
    await visit();
    await page.reload();
    await page.waitForFunction(() => 'Errata' in window);
    await page.waitForTimeout(IDLE_WAIT_MS);
    expect(statusRequests).toEqual([]);
  });

  it('thanks the reader once, on a later visit, when their mistake was corrected', async () => {
    await visit();
    const { id } = await report();
    // The editors fixed the page and a recheck verified it.
    const { erratum_id: erratumId } = await server.store.db
      .selectFrom('reports')
      .select(['erratum_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await server.store.db
      .updateTable('errata')
      .set({ status: 'verified', replaced_by: planted.correction })
      .where('id', '=', erratumId)
      .execute();

    await page.reload();
    const toast = page.locator('#errata-toast [role=status]');
    await expect
      .poll(() => toast.textContent())
      .toBe(`The mistake you reported in “${planted.exact}” was corrected. Thank you.`);
    expect(statusRequests).toHaveLength(1);
    // Dismissible with the keyboard.
    await page.locator('#errata-toast button').focus();
    await page.keyboard.press('Enter');
    await page.locator('#errata-toast').waitFor({ state: 'detached' });

    // Once: the ids are forgotten, so the next visit neither thanks nor asks again.
    await page.reload();
    await page.waitForFunction(() => 'Errata' in window);
    await page.waitForTimeout(IDLE_WAIT_MS);
    expect(await page.locator('#errata-toast').count()).toBe(0);
    expect(statusRequests).toHaveLength(1);
  });
});

/**
 * Proof of work and the honeypot, through the real widget in Chromium against the real
 * server: a site that asks for proof of work gets its reports, the reader's browser solving
 * the challenge with the solver part; a site that does not never loads that part; the hidden
 * honeypot field stays out of the reader's way and out of the reports people send. Needs the
 * built widget.
 */
import { PROOF_OF_WORK_STATUS } from '@errata/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { articlePage } from './harness/article-page.ts';
import { skipWithoutChromium } from './harness/browser.ts';
import { dialogOf, partAdded, selectText, statusReads } from './harness/widget-page.ts';
import { useWidgetSite } from './harness/widget-site.ts';

const THANKS = 'Thank you! The editors will see it.';
/** Solving takes the reader's browser about a second; a loaded test machine may take a few more. */
const SOLVE_TIMEOUT_MS = 20_000;

describe.skipIf(skipWithoutChromium())('proof of work and the honeypot', () => {
  const site = useWidgetSite({ pages: (embed) => ({ '/article': articlePage(embed) }) });

  /** Reports "Minks" as "Minsk" through the dialog and waits for the thank-you. */
  async function report(page: Page) {
    await selectText(page, '#lead', 'Minks');
    await page.keyboard.press('Control+Enter');
    const dialog = dialogOf(page);
    await dialog.waitFor();
    await dialog.locator('[name=suggestion]').fill('Minsk');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await statusReads(page, THANKS, SOLVE_TIMEOUT_MS);
  }
  const answered = () => site.traffic.reportPosts().map((post) => post.status);

  it('gets a report through where the site asks for proof of work, the browser solving the challenge', async () => {
    await site.owner('PATCH', `/api/v1/sites/${site.id}`, { proofOfWork: true });
    const page = await site.open('/article');
    const started = Date.now();
    await report(page);
    console.log(`proof of work: report sent, challenge solved and sent again in ${Date.now() - started} ms`);

    expect(answered()).toEqual([PROOF_OF_WORK_STATUS, 201]);
    expect(await partAdded(page, 'widget-solver')).toBe(true);
    const [first, second] = site.sentReports();
    expect(first).not.toHaveProperty('altcha');
    expect(second?.altcha).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(second).toMatchObject({ ...first, altcha: second?.altcha });
    expect(await site.reports()).toMatchObject([{ quote: { exact: 'Minks' }, suggestion: 'Minsk' }]);
    // The solution was spent: the same report with it again is refused with a new challenge.
    const replay = await fetch(`${site.server.url}/api/v1/reports?wait=erratum`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: site.origin },
      body: JSON.stringify(second),
    });
    expect(replay.status).toBe(PROOF_OF_WORK_STATUS);
  });

  it('never loads the solver where the site does not ask for proof of work', async () => {
    const page = await site.open('/article');
    await report(page);
    expect(answered()).toEqual([201]);
    expect(await partAdded(page, 'widget-solver')).toBe(false);
    expect(site.traffic.requests().filter((request) => request.includes('widget-solver'))).toEqual([]);
    expect(site.sentReports()[0]).not.toHaveProperty('altcha');
  });

  it('keeps the honeypot field off-screen, out of the tab order and of the reports people send', async () => {
    const page = await site.open('/article');
    await selectText(page, '#lead', 'Minks');
    await page.keyboard.press('Control+Enter');
    const dialog = dialogOf(page);
    await dialog.waitFor();
    const honeypot = dialog.locator('[name=website]');
    expect(await honeypot.getAttribute('tabindex')).toBe('-1');
    expect(await honeypot.getAttribute('aria-hidden')).toBe('true');
    expect(await honeypot.getAttribute('autocomplete')).toBe('off');
    const box = await honeypot.boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThan(0);
    // Tab goes round the dialog's controls without ever landing on it.
    const focused: string[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      focused.push(
        await page.evaluate(
          () =>
            document.getElementById('errata-widget')?.shadowRoot?.activeElement?.getAttribute('name') ?? '',
        ),
      );
    }
    expect(focused).not.toContain('website');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await statusReads(page, THANKS);
    expect(site.sentReports()[0]).not.toHaveProperty('website');

    // A bot filling every field fills it too; the report is still taken (spam scoring weighs it).
    const bot = await site.open('/article');
    await selectText(bot, '#lead', 'Minks');
    await bot.keyboard.press('Control+Enter');
    await dialogOf(bot).waitFor();
    await dialogOf(bot).locator('[name=website]').fill('http://pills.example', { force: true });
    await dialogOf(bot).getByRole('button', { name: 'Send' }).click();
    await statusReads(bot, THANKS);
    expect(site.sentReports()[1]?.website).toBe('http://pills.example');
  });
});

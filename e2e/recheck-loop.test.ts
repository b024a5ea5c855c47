/**
 * The loop closed, in a real browser against a real server: a reader reports a misspelt
 * name on a newsroom's article, the newsroom fixes the page and marks the erratum fixed, its
 * CMS asks Errata to recheck the page, the recheck sees the correction and verifies it, and
 * on the reader's next visit the widget thanks them, once. The newsroom is a real HTTP server
 * on another port (a site marked local, as an intranet newsroom would be).
 */
import { existsSync } from 'node:fs';
import { createApiToken } from '@errata/server';
import { article } from '@errata/server/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUND_TRIP, skipWithoutChromium } from './harness/browser.ts';
import { selectWithMouse } from './harness/select-text.ts';
import { useWidgetSite } from './harness/widget-site.ts';

const TYPO = 'Engineers from Roterdam will inspect the hinges before the bridge reopens.';
const FIXED = 'Engineers from Rotterdam will inspect the hinges before the bridge reopens.';

const skip = skipWithoutChromium();

describe.skipIf(skip)('report, fix, recheck, thank-you', () => {
  const site = useWidgetSite({ local: true });

  beforeAll(() => {
    if (!existsSync(new URL('../packages/widget/dist/widget.js', import.meta.url))) {
      throw new Error('widget not built: run `npm run build -w @errata/widget` first');
    }
  });

  /** The article with the widget embedded from the Errata server, as the newsroom serves it. */
  const page = (sentence: string) =>
    article(sentence).replace(
      '</body>',
      `<script src="${site.embed.origin}/widget.js" data-site="${site.embed.key}" async></script></body>`,
    );

  it('thanks the reader on their next visit once the recheck has verified the fix', async () => {
    site.serve('/news/bridge', page(TYPO));
    const reader = await site.open('/news/bridge', { viewport: { width: 1280, height: 800 } });
    expect(await selectWithMouse(reader, 'Roterdam')).toBe('Roterdam');
    await reader.keyboard.press('Control+Enter');
    const dialog = reader.getByRole('dialog', { name: 'Report a mistake' });
    await expect.poll(() => dialog.isVisible(), ROUND_TRIP).toBe(true);
    await dialog.locator('textarea[name="suggestion"]').fill('Rotterdam');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => dialog.getByRole('status').textContent(), ROUND_TRIP)
      .toBe('Thank you! The editors will see it.');

    // The widget keeps the report's id on the reader's device, to ask about it later.
    const [report] = await site.reports();
    const storage = () => reader.evaluate(() => Object.values(localStorage).join(' '));
    expect(await storage()).toContain(report?.id);

    // The newsroom corrects the article and marks the erratum fixed; its CMS asks for a recheck.
    site.serve('/news/bridge', page(FIXED));
    const token = await createApiToken(site.server.store, site.id, 'cms');
    const api = (path: string, method: string, body: unknown) =>
      fetch(`${site.server.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    const [erratum] = await site.inbox();
    expect((await api(`/api/v1/errata/${erratum?.id}`, 'PATCH', { status: 'fixed' })).status).toBe(200);
    const recheck = await (
      await api('/api/v1/pages/recheck', 'POST', { site: site.id, url: `${site.origin}/news/bridge` })
    ).json();
    expect(recheck.errata).toEqual([
      expect.objectContaining({
        status: 'verified',
        check: expect.objectContaining({ state: 'replaced', replacedBy: 'Rotterdam' }),
      }),
    ]);

    // The next visit: the widget asks about the reader's own report and thanks them.
    await reader.reload();
    const thanks = reader.getByRole('status').filter({ hasText: 'was corrected' });
    await expect
      .poll(() => thanks.textContent(), ROUND_TRIP)
      .toBe('The mistake you reported in “Roterdam” was corrected. Thank you.');

    // Once: the report's id is forgotten on the reader's device, so no later visit asks again.
    expect(await storage()).not.toContain(report?.id);
  });
});

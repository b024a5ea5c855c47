/**
 * Privacy a site can state, in a real browser against a real server: the owner sets how long
 * closed errata's reports are kept, finds the site's privacy page saying so, and answers a
 * reader who asks for their data: exports it as a file, then erases it.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { skipWithoutChromium } from './harness/browser.ts';
import { useWidgetSite } from './harness/widget-site.ts';

const skip = skipWithoutChromium();
const WAIT = { timeout: 10_000 };
const READER = 'ana@example.org';

describe.skipIf(skip)("a reader's data", () => {
  const site = useWidgetSite({ demo: true });

  it('is stated on the privacy page, exported as a file and erased by the owner', async () => {
    const owner = await site.signInToDashboard(undefined, { acceptDownloads: true });
    await owner.getByRole('link', { name: 'Settings' }).click();
    await owner.getByRole('heading', { name: 'Settings of The demo newsroom' }).waitFor();

    // A retention that is not a number is refused at its field; 30 days and reader e-mails are saved.
    const retention = owner.getByLabel('Keep reports of closed errata for (days)');
    await retention.fill('a month');
    await owner.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => retention.getAttribute('aria-invalid'), WAIT).toBe('true');
    await retention.fill('30');
    await owner.getByLabel('Let readers leave an e-mail address for a thank-you').check();
    await owner.getByRole('button', { name: 'Save settings' }).click();
    await owner.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor(WAIT);

    const privacyUrl = await owner.getByLabel('Privacy page address').inputValue();
    const privacy = await owner.context().newPage();
    await privacy.goto(privacyUrl);
    const text = ((await privacy.locator('body').textContent()) ?? '').replace(/\s+/g, ' ');
    expect(text).toContain('its reports are deleted 30 days after that decision');
    expect(text).toContain('one mail to thank you');

    await site.postReport({
      url: '/demo/articles/harbour-bridge.html',
      quote: { exact: 'Roterdam', prefix: 'engineers from ', suffix: ' will inspect the' },
      position: { start: 120, end: 128 },
      suggestion: 'Rotterdam',
      comment: '<img src=x onerror=alert(1)> my own words',
      email: READER,
    });

    await owner.getByLabel("Reader's e-mail address").fill(READER);
    const [download] = await Promise.all([
      owner.waitForEvent('download'),
      owner.getByRole('button', { name: 'Export' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^reader-data-demo-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
    expect(exported.reports).toEqual([
      expect.objectContaining({
        comment: '<img src=x onerror=alert(1)> my own words',
        suggestion: 'Rotterdam',
      }),
    ]);
    await owner
      .getByRole('status')
      .filter({ hasText: `1 report left with ${READER}` })
      .waitFor(WAIT);

    owner.once('dialog', (dialog) => void dialog.accept());
    await owner.getByRole('button', { name: 'Erase…' }).click();
    await owner.getByRole('status').filter({ hasText: 'Erased 1 stored copy of the address' }).waitFor(WAIT);

    const [again] = await Promise.all([
      owner.waitForEvent('download'),
      owner.getByRole('button', { name: 'Export' }).click(),
    ]);
    expect(JSON.parse(await readFile(await again.path(), 'utf8')).reports).toEqual([]);
    await owner
      .getByRole('status')
      .filter({ hasText: `Nothing is stored for ${READER}` })
      .waitFor(WAIT);
  });
});

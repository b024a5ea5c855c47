/**
 * The editor's e-mail choice in a real browser against a real server: on the Notifications
 * screen they pick instant mail from the 3rd report, a wrong number is explained beside the
 * field, and the saved choice is there again after a reload.
 */
import { describe, expect, it } from 'vitest';
import { skipWithoutChromium } from './harness/browser.ts';
import { useWidgetSite } from './harness/widget-site.ts';

const skip = skipWithoutChromium();
const WAIT = { timeout: 10_000 };

describe.skipIf(skip)('e-mail choices', () => {
  const site = useWidgetSite({ demo: true });

  it('keeps instant mail from the 3rd report, explaining a wrong number first', async () => {
    const page = await site.signInToDashboard();
    await page.goto(`${site.server.url}/admin/notifications`);

    const section = page.locator('section.email-preferences');
    await section.getByRole('radio', { name: /Off/ }).waitFor(WAIT);
    expect(await section.getByRole('radio', { name: /Off/ }).isChecked()).toBe(true);
    // This server has no SMTP server set: the editor is told so rather than left waiting.
    expect(await section.textContent()).toContain('ERRATA_SMTP_URL');

    await section.getByRole('radio', { name: /Instant/ }).check();
    const from = section.getByLabel('Only from the N-th report of a spot');
    await from.fill('0');
    await section.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => section.textContent(), WAIT).toContain('Enter a whole number from 1 to 1000.');
    expect(await from.getAttribute('aria-invalid')).toBe('true');

    await from.fill('3');
    await section.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => section.textContent(), WAIT).toContain('Saved.');

    await page.reload();
    await section.getByRole('radio', { name: /Instant/ }).waitFor(WAIT);
    expect(await section.getByRole('radio', { name: /Instant/ }).isChecked()).toBe(true);
    expect(await section.getByLabel('Only from the N-th report of a spot').inputValue()).toBe('3');
  });
});

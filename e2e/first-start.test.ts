/**
 * A first start with no account: the server prints a one-time setup link; opening it in the
 * dashboard creates the owner, who lands in the (empty) inbox of the demo site. The link
 * then no longer works.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, ROUND_TRIP, skipWithoutChromium } from './harness/browser.ts';
import { startTestServer } from './harness/errata-server.ts';

const skip = skipWithoutChromium();

describe.skipIf(skip)('first start', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer(undefined, { withOwner: false });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates the owner through the printed setup link, once', async () => {
    if (server.firstSignIn.kind !== 'setup-link') throw new Error('expected a setup link on first start');
    const link = `${server.url}/admin/setup?token=${server.firstSignIn.token}`;
    const page = await browser.newPage();
    await page.goto(link);
    await page.locator('input[name="email"]').fill('chief@example.org');
    await page.locator('input[name="password"]').fill('a long enough passphrase');
    await page.locator('input[name="confirm"]').fill('a long enough passphrase');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Sign out' }).isVisible(), ROUND_TRIP)
      .toBe(true);
    expect(await page.getByText('The demo newsroom').first().isVisible()).toBe(true);

    const again = await fetch(`${server.url}/api/v1/setup?token=${server.firstSignIn.token}`);
    expect(await again.json()).toEqual({ valid: false });
    await page.close();
  });
});

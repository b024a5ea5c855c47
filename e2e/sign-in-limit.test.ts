/**
 * An account under a password-guessing attack from this machine: the dashboard's sign-in form
 * shows the server's sentence with the seconds to wait, and signs nobody in meanwhile.
 */

import { admitSignIn } from '@errata/server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, ROUND_TRIP, skipWithoutChromium } from './harness/browser.ts';
import { OWNER, startTestServer } from './harness/errata-server.ts';

const skip = skipWithoutChromium();

/** Wrong passwords counted for the owner from each loopback address: the next must wait 128 s. */
const FAILURES = 10;

describe.skipIf(skip)('the sign-in limit in the dashboard', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows "try again in N s." and does not sign in, even with the right password', async () => {
    // The browser reaches localhost over IPv4 or IPv6: both have failed, 200 s apart (each
    // after the previous one's wait), the last just now.
    const now = Date.now();
    for (const ip of ['127.0.0.1', '::1']) {
      for (let i = FAILURES - 1; i >= 0; i--) {
        await admitSignIn(server.store, OWNER.email, ip, new Date(now - i * 200_000));
      }
    }
    const page = await browser.newPage();
    await page.goto(`${server.url}/admin/`);
    await page.locator('input[name="email"]').fill(OWNER.email);
    await page.locator('input[name="password"]').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await expect
      .poll(() => alert.textContent(), ROUND_TRIP)
      .toMatch(/^Too many sign-in attempts for this account: try again in \d+ s\.$/);
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    await page.close();
  });
});

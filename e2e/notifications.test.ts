/**
 * Webhooks in a real browser against a real server and a real receiver: the owner adds a
 * webhook on the Notifications screen, copies its secret (shown once), sends a test, then
 * sees a reader's report delivered in the delivery log; a delivery the receiver refused
 * waits for its retry, and the owner's Retry delivers it at once.
 */

import { startWebhookReceiver, type WebhookReceiver } from '@errata/server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipWithoutChromium } from './harness/browser.ts';
import { useWidgetSite } from './harness/widget-site.ts';

const skip = skipWithoutChromium();
// Pages, requests and renders on a loaded machine (two cores, many processes): polls wait this long at most.
const WAIT = { timeout: 10_000 };

describe.skipIf(skip)('webhooks on the Notifications screen', () => {
  // The receiver listens on loopback: the operator marks the demo's site local.
  const site = useWidgetSite({ demo: true, local: true });
  let receiver: WebhookReceiver;
  let sent = 0;

  beforeAll(async () => {
    // The secret is learnt from the dashboard below; until then every signature fails.
    receiver = await startWebhookReceiver('not yet known');
  });
  afterAll(async () => {
    await receiver?.close();
  });

  async function postReport(exact: string): Promise<void> {
    const at = sent++;
    await site.postReport({
      url: '/demo/articles/harbour-bridge.html',
      title: 'Old Harbour swing bridge',
      quote: { exact, prefix: `paragraph ${at} says `, suffix: ` and more ${at}` },
      position: { start: at * 1000, end: at * 1000 + exact.length },
    });
  }

  async function signIn(): Promise<Page> {
    const page = await site.signInToDashboard();
    await page.goto(`${site.server.url}/admin/notifications?site=demo`);
    return page;
  }

  it('adds a signed webhook, tests it, and shows deliveries with a retry by hand', async () => {
    const page = await signIn();
    const webhooks = page.locator('section[aria-labelledby="webhooks-title"]');
    await webhooks.getByText('No webhooks yet.').waitFor(WAIT);

    await webhooks.getByLabel('Address').fill(receiver.url);
    await webhooks.getByLabel('New erratum').check();
    await webhooks.getByRole('button', { name: 'Add webhook' }).click();
    const secretField = webhooks.getByLabel(/Signing secret/);
    await secretField.waitFor(WAIT);
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^whsec_/);
    receiver.useSecret(secret);
    await expect.poll(() => webhooks.locator('.webhook').textContent(), WAIT).toContain('New erratum');

    await webhooks.getByRole('button', { name: 'Send test' }).click();
    await expect
      .poll(() => webhooks.getByRole('status').first().textContent(), WAIT)
      .toContain('Test message delivered');
    expect(receiver.received.at(-1)?.signed).toBe(true);

    await postReport('Roterdam');
    await receiver.waitForIds(2);
    const log = page.locator('section[aria-labelledby="deliveries-title"]');
    const newest = log.locator('tbody tr').first();
    /** The newest delivery's row, the log refreshed first. */
    const refreshedNewest = async () => {
      await log.getByRole('button', { name: 'Refresh' }).click();
      return newest.textContent();
    };
    await log.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => newest.textContent(), WAIT).toContain('Delivered');
    expect(await newest.textContent()).toContain('New erratum');

    // The receiver refuses the next event: it waits for a retry, which the owner asks for now.
    receiver.script(503);
    await postReport('Amsterdm');
    await expect.poll(refreshedNewest, WAIT).toContain('The receiver answered HTTP 503.');
    expect(await newest.textContent()).toContain('Waiting');
    await newest.getByRole('button', { name: /Retry/ }).click();
    await receiver.waitForIds(3);
    await expect.poll(refreshedNewest, WAIT).toContain('Delivered');

    // The secret was shown once: after a reload only the webhook's address is there.
    await page.reload();
    await webhooks.locator('.webhook').waitFor(WAIT);
    expect(await page.content()).not.toContain(secret);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { type RunningServer, startServer } from '../../server.ts';
import { setSiteFlag } from '../../store/site-flags-store.ts';
import { freePort } from '../../testing/free-port.ts';
import { demoReport } from '../../testing/test-app.ts';
import {
  addTestWebhook,
  startWebhookReceiver,
  type WebhookReceiver,
} from '../../testing/webhook-receiver.ts';

const SECRET = 'whsec_server-test';
let server: RunningServer | undefined;
let receiver: WebhookReceiver | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.close();
  await receiver?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  server = undefined;
  receiver = undefined;
  dir = undefined;
});

describe('a started server', () => {
  it("sends a reader's report to the site's webhook, signed, with the erratum and a dashboard link", async () => {
    dir = mkdtempSync(join(tmpdir(), 'errata-delivery-'));
    server = await startServer(
      loadConfig({ PORT: String(await freePort()), ERRATA_DATA_DIR: dir, LOG_LEVEL: 'silent' }),
    );
    receiver = await startWebhookReceiver(SECRET);
    // The receiver listens on loopback: the operator lets the demo's webhooks reach it.
    await setSiteFlag(server.store.db, 'demo', 'local', true);
    await addTestWebhook(server.store.db, receiver.url, SECRET);

    const page = `${server.url}/demo/articles/harbour-bridge.html`;
    const response = await fetch(`${server.url}/api/v1/reports?wait=erratum`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify(demoReport({ url: page })),
    });
    expect(response.status).toBe(201);
    const receipt = (await response.json()) as { erratum: { id: string } };

    await receiver.waitForIds(1);
    const payload = JSON.parse(receiver.received[0]?.body ?? '{}');
    expect(payload).toMatchObject({
      type: 'erratum.created',
      site: 'demo',
      erratum: { id: receipt.erratum.id, quote: 'Roterdam', suggestion: 'Rotterdam', reports: 1 },
    });
    expect(payload.erratum.dashboardUrl).toContain(`/admin/?site=demo&open=${receipt.erratum.id}`);
  });
});

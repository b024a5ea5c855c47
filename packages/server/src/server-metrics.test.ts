import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { createApiToken } from './domain/api-tokens.ts';
import { type RunningServer, startServer } from './server.ts';
import { setSiteFlag } from './store/site-flags-store.ts';
import { freePort } from './testing/free-port.ts';
import { seriesValue } from './testing/metrics-text.ts';
import { reportOf } from './testing/recheck-fixtures.ts';
import { addTestWebhook, startWebhookReceiver, type WebhookReceiver } from './testing/webhook-receiver.ts';

const TOKEN = 'scrape-token-0123456789abcdef';
let server: RunningServer | undefined;
let receiver: WebhookReceiver | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.close();
  await receiver?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  server = receiver = dir = undefined;
});

describe('the metrics of a started server', () => {
  it('should count deliveries and recheck verdicts, behind ERRATA_METRICS_TOKEN', async () => {
    dir = mkdtempSync(join(tmpdir(), 'errata-metrics-'));
    server = await startServer(
      loadConfig({
        PORT: String(await freePort()),
        ERRATA_DATA_DIR: dir,
        LOG_LEVEL: 'silent',
        ERRATA_METRICS_TOKEN: TOKEN,
      }),
    );
    const { url, store } = server;
    const scrape = async () => {
      const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(response.status).toBe(200);
      return response.text();
    };
    expect((await fetch(`${url}/metrics`)).status).toBe(401);

    receiver = await startWebhookReceiver('whsec_metrics');
    await setSiteFlag(store.db, 'demo', 'local', true);
    await addTestWebhook(store.db, receiver.url, 'whsec_metrics');
    const page = `${url}/demo/articles/harbour-bridge.html`;
    const html = await (await fetch(page)).text();
    const report = await fetch(`${url}/api/v1/reports?wait=erratum`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify(reportOf(html, 'Roterdam', { site: 'demo', url: page })),
    });
    expect(report.status).toBe(201);
    await receiver.waitForIds(1);
    await expect
      .poll(async () => seriesValue(await scrape(), 'errata_deliveries_total{result="delivered"}'))
      .toBe(1);

    const token = await createApiToken(store, 'demo', 'test');
    const recheck = await fetch(`${url}/api/v1/pages/recheck`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ site: 'demo', url: page }),
    });
    expect(recheck.status).toBe(200);
    const text = await scrape();
    expect(seriesValue(text, 'errata_recheck_verdicts_total{verdict="still_there"}')).toBe(1);
    expect(seriesValue(text, 'errata_outbox_deliveries_pending')).toBe(0);
  });
});

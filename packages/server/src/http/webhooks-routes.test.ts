import type { CreatedWebhook, DeliveryPage, Webhook } from '@errata/core';
import { afterEach, describe, expect, it } from 'vitest';
import { webhookChannel } from '../jobs/delivery/webhook-channel.ts';
import { type DeliveryWorker, startDeliveryWorker } from '../jobs/delivery/worker.ts';
import { addDeliveries, recordOutboxEvent } from '../store/outbox-store.ts';
import { setSiteFlag } from '../store/site-flags-store.ts';
import { addSite, demoReport, openTestApp, signedInEditor, type TestApp } from '../testing/test-app.ts';
import { eventually, startWebhookReceiver, type WebhookReceiver } from '../testing/webhook-receiver.ts';

type Session = { cookie: string; csrf: string };

/** A receiver on a public address: saved without asking DNS, and never called by these tests. */
const PUBLIC_RECEIVER = 'https://93.184.216.34/hooks/errata';

let t: TestApp | undefined;
let receiver: WebhookReceiver | undefined;
let worker: DeliveryWorker | undefined;
afterEach(async () => {
  await worker?.stop();
  await t?.close();
  await receiver?.close();
  t = undefined;
  receiver = undefined;
  worker = undefined;
});

function call(
  app: TestApp,
  session: Session,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
) {
  return app.app.inject({
    method,
    url,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
    ...(payload ? { payload } : {}),
  });
}

async function setup() {
  t = await openTestApp();
  const owner = await signedInEditor(t.app, t.store, { email: 'owner@example.org', role: 'owner' });
  return { app: t, owner };
}

describe('webhooks API', () => {
  it('shows the signing secret once, when the owner adds a webhook', async () => {
    const { app, owner } = await setup();
    const created = await call(app, owner, 'POST', '/api/v1/sites/demo/webhooks', {
      url: PUBLIC_RECEIVER,
      format: 'slack',
      events: ['erratum.created'],
    });
    expect(created.statusCode).toBe(201);
    const { webhook, secret } = created.json() as CreatedWebhook;
    expect(secret).toMatch(/^whsec_/);
    expect(webhook).toMatchObject({ format: 'slack', events: ['erratum.created'], active: true });

    const listed = await call(app, owner, 'GET', '/api/v1/sites/demo/webhooks');
    expect(listed.json()).toEqual({ webhooks: [webhook] });
    expect(listed.body).not.toContain(secret);
  });

  it('should return 400 with a clear message for a URL that is not http(s)', async () => {
    const { app, owner } = await setup();
    const response = await call(app, owner, 'POST', '/api/v1/sites/demo/webhooks', {
      url: 'ftp://example.org/x',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toBe('A webhook URL must start with https:// or http://.');
  });

  it('lets editors read the delivery log but not manage webhooks, and hides other sites', async () => {
    const { app } = await setup();
    await addSite(app.store, 'other', 'https://other.example.org');
    const editor = await signedInEditor(app.app, app.store, {
      email: 'ed@example.org',
      role: 'editor',
      sites: ['demo'],
    });
    expect((await call(app, editor, 'GET', '/api/v1/sites/demo/deliveries')).statusCode).toBe(200);
    expect((await call(app, editor, 'GET', '/api/v1/sites/demo/webhooks')).statusCode).toBe(403);
    const add = await call(app, editor, 'POST', '/api/v1/sites/demo/webhooks', {
      url: 'https://example.org/h',
    });
    expect(add.statusCode).toBe(403);
    expect((await call(app, editor, 'GET', '/api/v1/sites/other/deliveries')).statusCode).toBe(404);
  });

  it('sends a signed test message and says how the receiver answered', async () => {
    const { app, owner } = await setup();
    await setSiteFlag(app.store.db, 'demo', 'local', true); // the receiver listens on loopback
    const created = (
      await call(app, owner, 'POST', '/api/v1/sites/demo/webhooks', { url: 'http://127.0.0.1:9/placeholder' })
    ).json() as CreatedWebhook;
    receiver = await startWebhookReceiver(created.secret);
    const id = created.webhook.id;
    await call(app, owner, 'PATCH', `/api/v1/sites/demo/webhooks/${id}`, { url: receiver.url });

    const test = await call(app, owner, 'POST', `/api/v1/sites/demo/webhooks/${id}/test`);
    expect(test.json()).toEqual({ ok: true, statusCode: 200, error: null });
    expect(receiver.received[0]?.signed).toBe(true);
    expect(JSON.parse(receiver.received[0]?.body ?? '{}')).toMatchObject({ type: 'ping', site: 'demo' });
  });

  it("should refuse with 400 to save a receiver on the server's own network unless the site is marked local", async () => {
    const { app } = await setup();
    await addSite(app.store, 'other', 'https://other.example.org');
    const owner = await signedInEditor(app.app, app.store, {
      email: 'other-owner@example.org',
      role: 'owner',
      sites: ['other'],
    });
    for (const url of [
      'http://localhost./hooks',
      'http://127.0.0.1:9/hooks',
      'http://[::ffff:10.0.0.1]/hooks',
    ]) {
      const response = await call(app, owner, 'POST', '/api/v1/sites/other/webhooks', { url });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        error: expect.stringMatching(
          /^Webhooks cannot be sent there: .* only public addresses are contacted unless the site is marked local\.$/,
        ),
        fields: { url: 'refused address' },
      });
    }
    expect(
      (
        await call(app, owner, 'POST', '/api/v1/sites/other/webhooks', { url: 'http://169.254.169.254/' })
      ).json().error,
    ).toBe(
      'Webhooks cannot be sent there: 169.254.169.254 resolves to a link-local address (169.254.169.254), which is never contacted.',
    );
    const { webhook } = (
      await call(app, owner, 'POST', '/api/v1/sites/other/webhooks', { url: PUBLIC_RECEIVER })
    ).json() as CreatedWebhook;
    const moved = await call(app, owner, 'PATCH', `/api/v1/sites/other/webhooks/${webhook.id}`, {
      url: 'http://LOCALHOST.:8080/hooks',
    });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().error).toBe(
      'Webhooks cannot be sent there: localhost. is a loopback name: only public addresses are contacted unless the site is marked local.',
    );
    expect((await call(app, owner, 'GET', '/api/v1/sites/other/webhooks')).json()).toEqual({
      webhooks: [webhook],
    });
  });

  it("should refuse with 400 a demo owner's receiver on the server's own network until the operator marks the demo local", async () => {
    const { app, owner } = await setup();
    // The server's own public address (http://localhost here) is no exception for webhooks.
    for (const url of ['http://127.0.0.1:9/hooks', 'http://192.168.1.10/hooks', 'http://localhost/hooks']) {
      const response = await call(app, owner, 'POST', '/api/v1/sites/demo/webhooks', { url });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error).toMatch(/unless the site is marked local\.$/);
    }
    await setSiteFlag(app.store.db, 'demo', 'local', true);
    const allowed = await call(app, owner, 'POST', '/api/v1/sites/demo/webhooks', {
      url: 'http://127.0.0.1:9/hooks',
    });
    expect(allowed.statusCode).toBe(201);
  });

  it('should refuse with 400 to save a webhook whose host does not resolve', async () => {
    const { app, owner } = await setup();
    const response = await call(app, owner, 'POST', '/api/v1/sites/demo/webhooks', {
      url: 'https://errata-hook.invalid/hooks',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: 'Webhooks cannot be sent there: the host errata-hook.invalid does not resolve.',
      fields: { url: 'does not resolve' },
    });
  });

  it('should refuse to send to a receiver on loopback once the site is no longer marked local', async () => {
    const { app } = await setup();
    await addSite(app.store, 'other', 'https://other.example.org');
    await setSiteFlag(app.store.db, 'other', 'local', true);
    const owner = await signedInEditor(app.app, app.store, {
      email: 'other-owner@example.org',
      role: 'owner',
      sites: ['other'],
    });
    receiver = await startWebhookReceiver('unused');
    const created = (
      await call(app, owner, 'POST', '/api/v1/sites/other/webhooks', { url: receiver.url })
    ).json() as CreatedWebhook;
    await setSiteFlag(app.store.db, 'other', 'local', false);
    const test = await call(app, owner, 'POST', `/api/v1/sites/other/webhooks/${created.webhook.id}/test`);
    expect(test.json()).toMatchObject({ ok: false, statusCode: null });
    expect(test.json().error).toMatch(/^Not sent: 127\.0\.0\.1 resolves to a loopback address/);
    expect(receiver.received).toHaveLength(0);
  });

  it('pauses and deletes a webhook', async () => {
    const { app, owner } = await setup();
    const { webhook } = (
      await call(app, owner, 'POST', '/api/v1/sites/demo/webhooks', { url: PUBLIC_RECEIVER })
    ).json() as CreatedWebhook;
    const paused = await call(app, owner, 'PATCH', `/api/v1/sites/demo/webhooks/${webhook.id}`, {
      active: false,
    });
    expect((paused.json() as Webhook).active).toBe(false);
    expect((await call(app, owner, 'DELETE', `/api/v1/sites/demo/webhooks/${webhook.id}`)).statusCode).toBe(
      204,
    );
    expect((await call(app, owner, 'GET', '/api/v1/sites/demo/webhooks')).json()).toEqual({ webhooks: [] });
    const again = await call(app, owner, 'DELETE', `/api/v1/sites/demo/webhooks/${webhook.id}`);
    expect(again.statusCode).toBe(404);
  });
});

describe('delivery log API', () => {
  it('lists a dead delivery with its last answer, and delivers it when the owner retries', async () => {
    const { app, owner } = await setup();
    await setSiteFlag(app.store.db, 'demo', 'local', true); // the receiver listens on loopback
    const { webhook, secret } = (
      await call(app, owner, 'POST', '/api/v1/sites/demo/webhooks', { url: 'http://127.0.0.1:9/placeholder' })
    ).json() as CreatedWebhook;
    receiver = await startWebhookReceiver(secret);
    await call(app, owner, 'PATCH', `/api/v1/sites/demo/webhooks/${webhook.id}`, { url: receiver.url });
    receiver.script(502);
    worker = startDeliveryWorker(app.store, {
      channels: [webhookChannel({ db: app.store.db, publicUrl: 'http://localhost', timeoutMs: 2_000 })],
      log: { error: () => undefined, warn: () => undefined },
      pollMs: 30,
      // A window too short for any retry: the first failure is final.
      backoff: { baseMs: 1_000, capMs: 1_000, windowMs: 1 },
    });
    const report = await app.app.inject({
      method: 'POST',
      url: '/api/v1/reports?wait=erratum',
      headers: { origin: 'http://localhost' },
      payload: demoReport(),
    });
    expect(report.statusCode).toBe(201);

    const dead = await eventually(async () => {
      const page = (
        await call(app, owner, 'GET', '/api/v1/sites/demo/deliveries?status=dead')
      ).json() as DeliveryPage;
      return page.items[0];
    }, 'a dead delivery in the log');
    expect(dead).toMatchObject({
      eventType: 'erratum.created',
      channel: 'webhook',
      target: new URL(receiver.url).host,
      attempts: 1,
      lastStatusCode: 502,
      lastError: 'The receiver answered HTTP 502.',
      nextAttemptAt: null,
    });

    const retried = await call(app, owner, 'POST', `/api/v1/sites/demo/deliveries/${dead.id}/retry`);
    expect(retried.statusCode).toBe(200);
    await receiver.waitForIds(1);
    const delivered = await eventually(async () => {
      const page = (await call(app, owner, 'GET', '/api/v1/sites/demo/deliveries')).json() as DeliveryPage;
      return page.items[0]?.status === 'delivered' ? page.items[0] : null;
    }, 'the retried delivery to be delivered');
    expect(delivered).toMatchObject({ attempts: 2, lastStatusCode: 200, lastError: null });

    const twice = await call(app, owner, 'POST', `/api/v1/sites/demo/deliveries/${dead.id}/retry`);
    expect(twice.statusCode).toBe(409);
  });

  it('pages the log newest first with a cursor, and narrows it by status', async () => {
    const { app, owner } = await setup();
    const eventIds = await app.store.db
      .transaction()
      .execute(async (trx) => [
        await recordOutboxEvent(trx, { siteId: 'demo', type: 'erratum.created', erratumId: null }),
        await recordOutboxEvent(trx, { siteId: 'demo', type: 'erratum.reported', erratumId: null }),
        await recordOutboxEvent(trx, { siteId: 'demo', type: 'erratum.noted', erratumId: null }),
      ]);
    const expiresAt = new Date(Date.now() + 60_000).toISOString();
    // One after another: the log is ordered by delivery id, which is time-ordered to the millisecond.
    for (const eventId of eventIds) {
      const delivery = { eventId, siteId: 'demo', channel: 'webhook', targetId: 'w1', expiresAt };
      await addDeliveries(app.store.db, [delivery], [eventId], new Date().toISOString());
      await new Promise((resolve) => setTimeout(resolve, 3));
    }

    const first = (
      await call(app, owner, 'GET', '/api/v1/sites/demo/deliveries?limit=2')
    ).json() as DeliveryPage;
    expect(first.items.map((d) => d.eventType)).toEqual(['erratum.noted', 'erratum.reported']);
    const second = (
      await call(app, owner, 'GET', `/api/v1/sites/demo/deliveries?limit=2&cursor=${first.next}`)
    ).json() as DeliveryPage;
    expect(second).toMatchObject({
      items: [{ eventType: 'erratum.created', status: 'pending' }],
      next: null,
    });
    const dead = (await call(app, owner, 'GET', '/api/v1/sites/demo/deliveries?status=dead')).json();
    expect(dead).toEqual({ items: [], next: null });
  });
});

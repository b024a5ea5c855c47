import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxEventType } from '../../base/outbox-event.ts';
import { openStore, type Store } from '../../store/open-store.ts';
import { recordOutboxEvent } from '../../store/outbox-store.ts';
import { setSiteFlag } from '../../store/site-flags-store.ts';
import { createSiteIfMissing } from '../../store/sites-store.ts';
import { findWebhookRow } from '../../store/webhooks-store.ts';
import { openTestStore } from '../../testing/test-app.ts';
import {
  addTestWebhook,
  eventually,
  startWebhookReceiver,
  type WebhookReceiver,
} from '../../testing/webhook-receiver.ts';
import type { BackoffPolicy } from './backoff.ts';
import { webhookChannel } from './webhook-channel.ts';
import { type DeliveryWorker, type DeliveryWorkerOptions, startDeliveryWorker } from './worker.ts';

const SECRET = 'whsec_test-secret';
/** Short waits so retries happen within a test; the shape (doubling, cap, window) is the real one. */
const FAST_BACKOFF: BackoffPolicy = { baseMs: 40, capMs: 160, windowMs: 60_000 };
const silent = { error: () => undefined, warn: () => undefined };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(options: { events?: OutboxEventType[] } = {}) {
  const { store, url, cleanup } = await openTestStore();
  const receiver = await startWebhookReceiver(SECRET);
  cleanups.push(cleanup, () => receiver.close());
  // The receiver listens on loopback: the operator's switch lets the demo's webhooks reach it.
  await setSiteFlag(store.db, 'demo', 'local', true);
  const webhookId = await addTestWebhook(store.db, receiver.url, SECRET, options);
  return { store, url, receiver, webhookId };
}

/** A worker with short waits; `timeoutMs` is the webhook's time to answer. */
function startWorker(
  store: Store,
  options: Partial<DeliveryWorkerOptions> & { timeoutMs?: number } = {},
): DeliveryWorker {
  // Generous: on a loaded machine a short limit times out requests the receiver did accept, and
  // the retry that follows (at least once!) would be a second delivery the tests do not expect.
  const { timeoutMs = 5_000, ...rest } = options;
  const worker = startDeliveryWorker(store, {
    channels: [webhookChannel({ db: store.db, publicUrl: 'http://errata.test', timeoutMs })],
    log: silent,
    pollMs: 30,
    backoff: FAST_BACKOFF,
    ...rest,
  });
  cleanups.push(() => worker.stop());
  return worker;
}

async function recordEvent(
  store: Store,
  type: OutboxEventType = 'erratum.created',
  siteId = 'demo',
): Promise<string> {
  return store.db
    .transaction()
    .execute((trx) => recordOutboxEvent(trx, { siteId, type, erratumId: null, data: { n: 1 } }));
}

async function deliveryOf(store: Store, eventId: string) {
  return store.db.selectFrom('deliveries').selectAll().where('event_id', '=', eventId).executeTakeFirst();
}

function accepted(receiver: WebhookReceiver, eventId: string) {
  return receiver.received.filter(
    (r) => r.headers['errata-event-id'] === eventId && r.answered !== null && r.answered < 300,
  );
}

describe('delivery worker', () => {
  it('posts a signed JSON event whose Errata-Event-Id is the payload id', async () => {
    const { store, receiver } = await setup();
    startWorker(store);
    const eventId = await recordEvent(store);

    await receiver.waitForIds(1);
    const [request] = receiver.received;
    expect(request?.signed).toBe(true);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '{}')).toMatchObject({
      id: eventId,
      type: 'erratum.created',
      site: 'demo',
    });
    expect(request?.headers['errata-event-id']).toBe(eventId);
    const delivery = await eventually(async () => {
      const row = await deliveryOf(store, eventId);
      return row?.status === 'delivered' ? row : null;
    }, 'the delivery to be recorded');
    expect(delivery).toMatchObject({ attempts: 1, last_status_code: 200, next_attempt_at: null });
  });

  it('fans a batch of events of several sites out to each site’s own webhooks, by their filters', async () => {
    const { store, receiver, webhookId } = await setup({ events: ['erratum.created'] });
    const other = await startWebhookReceiver(SECRET);
    cleanups.push(() => other.close());
    const now = new Date().toISOString();
    await createSiteIfMissing(
      store.db,
      { id: 'gazette', name: 'Gazette', publicKey: 'gazette', allowedOrigins: ['self'], rootSelector: null },
      now,
    );
    await setSiteFlag(store.db, 'gazette', 'local', true); // its receiver listens on loopback too
    const otherHook = await addTestWebhook(store.db, other.url, SECRET, { siteId: 'gazette' });
    // Recorded before the worker starts: one fan-out pass takes them all.
    const demoCreated = await recordEvent(store, 'erratum.created', 'demo');
    await recordEvent(store, 'erratum.reported', 'demo'); // filtered out: the hook takes erratum.created only
    const gazetteCreated = await recordEvent(store, 'erratum.created', 'gazette');
    const gazetteReported = await recordEvent(store, 'erratum.reported', 'gazette');
    startWorker(store);

    // Two deliveries in flight at once: they may arrive in either order.
    expect((await other.waitForIds(2)).sort()).toEqual([gazetteCreated, gazetteReported].sort());
    expect(await receiver.waitForIds(1)).toEqual([demoCreated]);
    const targets = await store.db
      .selectFrom('deliveries')
      .select(['event_id', 'target_id'])
      .orderBy('event_id')
      .execute();
    expect(targets).toEqual(
      [
        { event_id: demoCreated, target_id: webhookId },
        { event_id: gazetteCreated, target_id: otherHook },
        { event_id: gazetteReported, target_id: otherHook },
      ].sort((a, b) => a.event_id.localeCompare(b.event_id)),
    );
  });

  it('retries through a 500, a timeout and a refused connection, then delivers exactly once', async () => {
    const { store, receiver } = await setup();
    receiver.script(500, 'hang');
    startWorker(store, { timeoutMs: 1_000 });
    const eventId = await recordEvent(store);

    await eventually(
      async () => (await deliveryOf(store, eventId))?.last_error?.startsWith('No answer'),
      'a timeout',
    );
    await receiver.stop();
    await eventually(
      async () =>
        (await deliveryOf(store, eventId))?.last_error ===
        'Could not connect: nothing listens at that address (ECONNREFUSED).',
      'a refused connection',
    );
    await receiver.reopen();

    await receiver.waitForIds(1);
    const delivery = await eventually(async () => {
      const row = await deliveryOf(store, eventId);
      return row?.status === 'delivered' ? row : null;
    }, 'delivered');
    expect(delivery.attempts).toBeGreaterThanOrEqual(4);
    expect(receiver.received.map((r) => r.answered).slice(0, 2)).toEqual([500, null]);
    expect(accepted(receiver, eventId)).toHaveLength(1);
  });

  it('delivers after a restart an event that was waiting for its retry when the server stopped', async () => {
    const { store, url, receiver } = await setup();
    receiver.script(503);
    const backoff = { ...FAST_BACKOFF, baseMs: 400, capMs: 400 };
    startWorker(store, { backoff });
    const eventId = await recordEvent(store);
    const waiting = await eventually(async () => {
      const row = await deliveryOf(store, eventId);
      return row?.last_status_code === 503 ? row : null;
    }, 'the first attempt to fail');
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    // The server "dies" during the backoff: its database closes under the worker, nothing is
    // drained or handed over; only the database file survives.
    await store.close();

    const reopened = openStore(url);
    cleanups.push(() => reopened.close());
    startWorker(reopened, { backoff });

    await receiver.waitForIds(1);
    expect(accepted(receiver, eventId)).toHaveLength(1);
    const delivery = await eventually(async () => {
      const row = await deliveryOf(reopened, eventId);
      return row?.status === 'delivered' ? row : null;
    }, 'delivered after the restart');
    expect(delivery.attempts).toBe(2);
  });

  it('gives a delivery up (dead) once its window after the event has passed', async () => {
    const { store, receiver } = await setup();
    receiver.script(...Array<number>(50).fill(500));
    startWorker(store, { backoff: { baseMs: 40, capMs: 40, windowMs: 300 } });
    const eventId = await recordEvent(store);

    const dead = await eventually(async () => {
      const row = await deliveryOf(store, eventId);
      return row?.status === 'dead' ? row : null;
    }, 'the delivery to die');
    expect(dead).toMatchObject({ last_status_code: 500, next_attempt_at: null, delivered_at: null });
    expect(dead.last_error).toBe('The receiver answered HTTP 500.');
    expect(receiver.uniqueIds()).toEqual([]);
  });

  it('delivers each event once when two server instances share the database', async () => {
    const { store, url, receiver } = await setup();
    const other = openStore(url);
    cleanups.push(() => other.close());
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await recordEvent(store));
    startWorker(store);
    startWorker(other);

    await receiver.waitForIds(20);
    expect(receiver.uniqueIds().sort()).toEqual([...ids].sort());
    expect(receiver.received).toHaveLength(20);
  });

  it('lets a delivery in flight finish and be recorded when the worker stops', async () => {
    const { store, receiver } = await setup();
    receiver.script('slow');
    const worker = startWorker(store, { timeoutMs: 5_000 });
    const eventId = await recordEvent(store);
    await eventually(async () => receiver.received.length === 1, 'the request to arrive');

    await worker.stop();
    expect(await deliveryOf(store, eventId)).toMatchObject({ status: 'delivered', lease_owner: null });
  });

  it("cuts an attempt still running after a stop's grace short, and records it to be tried again", async () => {
    const { store, receiver } = await setup();
    receiver.script('hang');
    const outcomes: string[] = [];
    const worker = startWorker(store, { timeoutMs: 30_000, onAttempt: (outcome) => outcomes.push(outcome) });
    const eventId = await recordEvent(store);
    await eventually(async () => receiver.received.length === 1, 'the request to arrive');

    const stoppedAt = Date.now();
    await worker.stop({ graceMs: 100 });
    expect(Date.now() - stoppedAt).toBeLessThan(5_000);
    expect(await deliveryOf(store, eventId)).toMatchObject({
      status: 'pending',
      lease_owner: null,
      last_error: 'The attempt was cut short: the server stopped.',
    });
    expect(outcomes).toEqual(['retry']);
  });

  it('takes over the delivery of a worker that vanished mid-attempt once its lease runs out', async () => {
    const { store, url, receiver } = await setup();
    receiver.script('hang');
    const vanished = openStore(url);
    // Its attempt times out only after 1.5 s, long after its 200 ms lease ran out.
    const stale = startWorker(vanished, { timeoutMs: 1_500, leaseMs: 200 });
    const eventId = await recordEvent(store);
    await eventually(async () => receiver.received.length === 1, 'the first worker to send');
    const held = await deliveryOf(store, eventId);

    startWorker(store);
    await receiver.waitForIds(1);
    const delivery = await eventually(async () => {
      const row = await deliveryOf(store, eventId);
      return row?.status === 'delivered' ? row : null;
    }, 'the second worker to deliver');
    expect(held?.lease_owner).not.toBeNull();
    expect(delivery.lease_owner).toBeNull();
    // When the stale attempt finally times out, its failure no longer counts: the lease was not its own.
    await stale.stop();
    expect(await deliveryOf(store, eventId)).toMatchObject({ status: 'delivered', last_status_code: 200 });
    await vanished.close();
  });

  it('sends a webhook only the event types of its filter', async () => {
    const { store, receiver } = await setup({ events: ['erratum.status_changed'] });
    startWorker(store);
    const created = await recordEvent(store, 'erratum.created');
    const changed = await recordEvent(store, 'erratum.status_changed');

    await receiver.waitForIds(1);
    expect(receiver.uniqueIds()).toEqual([changed]);
    expect(await deliveryOf(store, created)).toBeUndefined();
  });

  it('pauses a webhook whose receiver answers 410 Gone and stops retrying', async () => {
    const { store, receiver, webhookId } = await setup();
    receiver.script(410);
    startWorker(store);
    const eventId = await recordEvent(store);

    const dead = await eventually(async () => {
      const row = await deliveryOf(store, eventId);
      return row?.status === 'dead' ? row : null;
    }, 'the delivery to die');
    expect(dead).toMatchObject({ attempts: 1, last_status_code: 410 });
    expect((await findWebhookRow(store.db, webhookId))?.active).toBe(0);
  });

  it('keeps delivering other channels when one channel fails to name its targets', async () => {
    const { store, receiver } = await setup();
    const broken = {
      kind: 'broken',
      targetsFor: async () => {
        throw new Error('a bug in this channel');
      },
      deliver: async () => ({ ok: true, statusCode: null, error: null }),
    };
    const errors: unknown[] = [];
    startWorker(store, {
      channels: [broken, webhookChannel({ db: store.db, publicUrl: 'http://errata.test', timeoutMs: 5_000 })],
      log: { error: (...args: unknown[]) => errors.push(args), warn: () => undefined },
    });
    const eventId = await recordEvent(store);

    expect(await receiver.waitForIds(1)).toEqual([eventId]);
    expect(errors.length).toBeGreaterThanOrEqual(1);
  });

  it('does not mark an event fanned out while a channel failed to name its targets, and fans it out later', async () => {
    const { store } = await setup();
    let failures = 2;
    const delivered: string[] = [];
    const flaky = {
      kind: 'flaky',
      targetsFor: async (_db: unknown, events: readonly unknown[]) => {
        if (failures > 0) {
          failures--;
          throw new Error('the database hiccuped');
        }
        return events.map(() => ['editor-1']);
      },
      deliver: async (event: { id: string }) => {
        delivered.push(event.id);
        return { ok: true, statusCode: null, error: null };
      },
    };
    startWorker(store, { channels: [flaky] });
    const eventId = await recordEvent(store);

    await eventually(async () => delivered.length === 1, 'the flaky channel to deliver');
    expect(delivered).toEqual([eventId]);
    const event = await store.db
      .selectFrom('outbox_events')
      .select('fanned_out_at')
      .where('id', '=', eventId)
      .executeTakeFirstOrThrow();
    expect(event.fanned_out_at).not.toBeNull();
  });
});

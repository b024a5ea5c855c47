import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore } from '../testing/test-app.ts';
import { claimDueDeliveries, completeDelivery, failDelivery } from './deliveries-store.ts';
import { openStore, type Store } from './open-store.ts';
import { addDeliveries, recordOutboxEvent } from './outbox-store.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function dueDelivery(store: Store, now: string): Promise<string> {
  const eventId = await store.db
    .transaction()
    .execute((trx) => recordOutboxEvent(trx, { siteId: 'demo', type: 'erratum.created', erratumId: null }));
  await addDeliveries(
    store.db,
    [{ eventId, siteId: 'demo', channel: 'webhook', targetId: 'w1', expiresAt: '2026-01-02T00:00:00.000Z' }],
    [eventId],
    now,
  );
  return eventId;
}

describe('delivery leases', () => {
  it("ignores a late outcome of the same worker's earlier claim once the delivery was claimed again", async () => {
    const { store, cleanup } = await openTestStore();
    cleanups.push(cleanup);
    await dueDelivery(store, '2026-01-01T00:00:00.000Z');
    const claim = (now: string, leasedUntil: string) =>
      claimDueDeliveries(store.db, { owner: 'worker-a', now, leasedUntil, limit: 10 });

    const [first] = await claim('2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.000Z');
    // The first attempt outlives its lease; the same worker claims the delivery again.
    const [second] = await claim('2026-01-01T00:00:02.000Z', '2026-01-01T00:00:03.000Z');
    expect(first?.delivery.id).toBe(second?.delivery.id);

    await failDelivery(store.db, {
      id: first!.delivery.id,
      owner: first!.delivery.lease_owner!,
      statusCode: 500,
      error: 'The receiver answered HTTP 500.',
      nextAttemptAt: '2026-01-01T00:10:00.000Z',
    });
    const held = await store.db.selectFrom('deliveries').selectAll().executeTakeFirstOrThrow();
    expect(held).toMatchObject({ lease_owner: second!.delivery.lease_owner, last_error: null });

    await completeDelivery(store.db, {
      id: second!.delivery.id,
      owner: second!.delivery.lease_owner!,
      now: '2026-01-01T00:00:02.500Z',
      statusCode: 200,
    });
    const done = await store.db.selectFrom('deliveries').selectAll().executeTakeFirstOrThrow();
    expect(done).toMatchObject({ status: 'delivered', last_status_code: 200, lease_owner: null });
  });

  it('gives each due delivery to one of several instances claiming at the same moment', async () => {
    const { store, url, cleanup } = await openTestStore();
    cleanups.push(cleanup);
    const instances = [store, openStore(url), openStore(url)];
    cleanups.push(
      () => instances[1]!.close(),
      () => instances[2]!.close(),
    );
    const now = '2026-01-01T00:00:00.000Z';
    const due = await Promise.all(Array.from({ length: 60 }, () => dueDelivery(store, now)));
    const claimed: string[] = [];
    for (let round = 0; round < 10 && claimed.length < due.length; round++) {
      const claims = await Promise.all(
        instances.map((instance, n) =>
          claimDueDeliveries(instance.db, {
            owner: `instance-${n}`,
            now,
            leasedUntil: '2026-01-01T00:05:00.000Z',
            limit: 7,
          }),
        ),
      );
      claimed.push(...claims.flat().map((c) => c.event.id));
    }
    expect(claimed).toHaveLength(due.length);
    expect(new Set(claimed)).toEqual(new Set(due));
  });
});

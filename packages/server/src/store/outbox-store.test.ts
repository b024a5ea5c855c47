import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../base/ids.ts';
import type { OutboxEventData } from '../base/outbox-event.ts';
import { demoReport, openTestApp, signedInEditor, type TestApp } from '../testing/test-app.ts';
import { pruneFinishedEvents, recordOutboxEvent } from './outbox-store.ts';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function outbox(app: TestApp) {
  const rows = await app.store.db.selectFrom('outbox_events').selectAll().orderBy('id').execute();
  return rows.map((row) => ({ ...row, data: JSON.parse(row.data) as OutboxEventData }));
}

async function sendReport(app: TestApp, suggestion: string) {
  const response = await app.app.inject({
    method: 'POST',
    url: '/api/v1/reports?wait=erratum',
    headers: { origin: 'http://localhost' },
    payload: demoReport({ suggestion }),
  });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; erratum: { id: string } };
}

describe('the outbox', () => {
  it('records no event when the transaction that made the change fails', async () => {
    t = await openTestApp();
    const app = t;
    await expect(
      app.store.db.transaction().execute(async (trx) => {
        await recordOutboxEvent(trx, { siteId: 'demo', type: 'erratum.noted', erratumId: null });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await outbox(app)).toEqual([]);
  });

  it('records erratum.created for the first report of a spot and erratum.reported for the next', async () => {
    t = await openTestApp();
    const first = await sendReport(t, 'Rotterdam');
    const second = await sendReport(t, 'Rotterdam, NL');

    const events = await outbox(t);
    expect(events.map((e) => e.type)).toEqual(['erratum.created', 'erratum.reported']);
    expect(events[0]?.data).toMatchObject({
      report: { id: first.id, suggestion: 'Rotterdam' },
      erratum: {
        id: first.erratum.id,
        quote: 'Roterdam',
        reports: 1,
        suggestion: 'Rotterdam',
        status: 'open',
      },
    });
    expect(events[1]?.data).toMatchObject({
      report: { id: second.id },
      erratum: { id: first.erratum.id, reports: 2, suggestion: 'Rotterdam, NL' },
    });
    expect(new Set(events.map((e) => e.id)).size).toBe(2);
  });

  it('records erratum.status_changed with the change when an editor marks an erratum fixed', async () => {
    t = await openTestApp();
    const { erratum } = await sendReport(t, 'Rotterdam');
    const editor = await signedInEditor(t.app, t.store, { email: 'ed@example.org' });
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/errata/${erratum.id}`,
      headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf },
      payload: { status: 'fixed' },
    });
    expect(response.statusCode).toBe(200);

    const changed = (await outbox(t)).find((e) => e.type === 'erratum.status_changed');
    expect(changed?.data).toMatchObject({
      from: 'open',
      to: 'fixed',
      erratum: { id: erratum.id, status: 'fixed', suggestion: 'Rotterdam' },
    });
  });
});

describe('pruning the outbox', () => {
  it('deletes finished events older than the retention with their deliveries, and keeps pending ones', async () => {
    t = await openTestApp();
    const db = t.store.db;
    const old = Date.parse('2026-01-01T00:00:00Z');
    const event = (id: string) => ({
      id,
      site_id: 'demo',
      type: 'erratum.created',
      erratum_id: null,
      data: '{}',
      created_at: new Date(old).toISOString(),
      fanned_out_at: new Date(old).toISOString(),
    });
    const delivery = (eventId: string, status: string) => ({
      id: newId(old),
      event_id: eventId,
      site_id: 'demo',
      channel: 'webhook',
      target_id: 'w1',
      status,
      attempts: 1,
      next_attempt_at: null,
      expires_at: new Date(old).toISOString(),
      leased_until: null,
      lease_owner: null,
      last_attempt_at: null,
      last_status_code: null,
      last_error: null,
      delivered_at: null,
      created_at: new Date(old).toISOString(),
    });
    const [finished, waiting, recent] = [newId(old), newId(old), newId()];
    await db
      .insertInto('outbox_events')
      .values([event(finished), event(waiting), event(recent)])
      .execute();
    await db
      .insertInto('deliveries')
      .values([delivery(finished, 'delivered'), delivery(waiting, 'pending'), delivery(recent, 'dead')])
      .execute();

    expect(await pruneFinishedEvents(db, old + 60_000)).toBe(1);
    const left = await db.selectFrom('outbox_events').select('id').orderBy('id').execute();
    expect(left.map((e) => e.id).sort()).toEqual([waiting, recent].sort());
    const deliveries = await db.selectFrom('deliveries').select('event_id').execute();
    expect(deliveries.map((d) => d.event_id)).not.toContain(finished);
  });
});

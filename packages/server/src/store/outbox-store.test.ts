import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxEventData } from '../domain/outbox-event.ts';
import { demoReport, openTestApp, signedInEditor, type TestApp } from '../testing/test-app.ts';
import { recordOutboxEvent } from './outbox-store.ts';

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
    url: '/api/v1/reports',
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

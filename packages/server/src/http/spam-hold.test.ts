/**
 * Spam scoring end to end through the report route: a held report is stored, sits in the Spam
 * view with its reasons, never in the Open view, notifies no one, never joins (or is joined by)
 * a reader's report in good faith, and an editor restores it, which its history records.
 */
import type { Erratum } from '@errata/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoReport, openTestApp, signedInEditor, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
let session: Record<string, string>;
beforeEach(async () => {
  t = await openTestApp();
  const editor = await signedInEditor(t.app, t.store, { email: 'ed@example.org' });
  session = { cookie: editor.cookie, 'x-csrf-token': editor.csrf };
});
afterEach(async () => t.close());

let reader = 0;
/** A report from its own reader's address, unless one is given. */
const post = async (
  overrides: Parameters<typeof demoReport>[0] = {},
  ip = `198.51.100.${++reader % 250}`,
) => {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/reports?wait=erratum',
    payload: demoReport(overrides),
    remoteAddress: ip,
  });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; erratum: { id: string; reports: number; status: string } };
};
const inbox = async (status: string): Promise<Erratum[]> =>
  (await t.app.inject({ url: `/api/v1/errata?site=demo&status=${status}`, headers: session })).json().items;
const page = (n: number) => `http://localhost/demo/articles/story-${n}.html`;
const outboxOf = async (erratumId: string) =>
  t.store.db.selectFrom('outbox_events').select('type').where('erratum_id', '=', erratumId).execute();

describe('spam scoring', () => {
  it('holds the same comment on many pages in the Spam view with its reason, out of Open and of notifications', async () => {
    const comment = 'Great read! More at my profile, friend';
    const receipts: Awaited<ReturnType<typeof post>>[] = [];
    for (let n = 0; n < 12; n++) {
      await t.services.ingest.drained();
      receipts.push(
        await post({ url: page(n % 9), comment, quote: { exact: `word${n}`, prefix: 'a ', suffix: ' b' } }),
      );
    }
    // The first two pages are what readers in good faith also do; from the third page on it is a campaign.
    expect(receipts.map((r) => r.erratum.status)).toEqual([
      ...Array(2).fill('open'),
      ...Array(10).fill('spam'),
    ]);

    const open = await inbox('open');
    const spam = await inbox('spam');
    expect(open.map((e) => e.id).sort()).toEqual(
      receipts
        .slice(0, 2)
        .map((r) => r.erratum.id)
        .sort(),
    );
    expect(spam).toHaveLength(10);
    const newest = spam.find((e) => e.id === receipts[11]?.erratum.id);
    expect(newest?.spamReasons).toEqual(['12 identical comments on 9 pages in 1 minute.']);
    for (const held of spam) expect(await outboxOf(held.id)).toEqual([]);
    expect(await outboxOf(receipts[0]!.erratum.id)).toEqual([{ type: 'erratum.created' }]);

    const stored = await t.store.db
      .selectFrom('reports')
      .select(['spam_score', 'spam_reasons'])
      .where('id', '=', receipts[11]!.id)
      .executeTakeFirstOrThrow();
    expect(stored.spam_score).toBeGreaterThanOrEqual(50);
    expect(JSON.parse(stored.spam_reasons ?? '[]')).toEqual(newest?.spamReasons);
  });

  it('keeps a held report and a reader’s report of the same words apart, both ways', async () => {
    const honest = await post();
    const robot = await post({ website: 'http://cheap.example' });
    expect(robot.erratum.id).not.toBe(honest.erratum.id);
    expect(robot.erratum).toMatchObject({ status: 'spam', reports: 1 });
    const again = await post({ suggestion: 'Rotterdam' });
    expect(again.erratum).toEqual({ id: honest.erratum.id, reports: 2, status: 'open' });
    const robotAgain = await post({ website: 'x' });
    expect(robotAgain.erratum).toEqual({ id: robot.erratum.id, reports: 2, status: 'spam' });
    const [held] = await inbox('spam');
    expect(held?.spamReasons).toEqual(['The hidden field that only robots fill in was filled in.']);
  });

  it('lets an editor restore a held erratum: it leaves the Spam view, its history says why it was held and who restored it', async () => {
    const robot = await post({ comment: 'contact me: seo@cheap.example or https://cheap.example' });
    expect(robot.erratum.status).toBe('spam');
    const restored = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/errata/${robot.erratum.id}`,
      headers: session,
      payload: { status: 'open' },
    });
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ status: 'open', spamReasons: null });
    expect(await inbox('spam')).toEqual([]);

    const detail = (
      await t.app.inject({ url: `/api/v1/errata/${robot.erratum.id}/detail`, headers: session })
    ).json();
    expect(detail.events.map((e: { type: string; actor: unknown }) => [e.type, e.actor && 'editor'])).toEqual(
      [
        ['held_as_spam', null],
        ['status_changed', 'editor'],
      ],
    );
    expect(detail.events[0].data.reasons).toEqual([
      'A link in the comment or suggestion.',
      'Contact details (an e-mail address, a phone number or a messenger) in the comment.',
    ]);
    expect(detail.events[1].data).toEqual({ from: 'spam', to: 'open' });
    // Restored, it is a reader's erratum like any: the next reader of those words joins it.
    const next = await post({
      quote: { exact: 'from Roterdam', prefix: 'engineers ', suffix: ' will inspect the' },
      position: { start: 115, end: 128 },
    });
    expect(next.erratum).toEqual({ id: robot.erratum.id, reports: 2, status: 'open' });
  });
});

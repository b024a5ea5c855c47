import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoReport, openTestApp, signedInEditor, type TestApp } from '../testing/test-app.ts';
import { pageTextChanged } from './decisions.ts';

const before = 'The council said on Tuesday that a team of engineers from ';
const after = ' will inspect the swing bridge next week, before it opens.';

describe('pageTextChanged', () => {
  const decided = { exact: 'Roterdam', prefix: before, suffix: after };

  it('should see no change in the same context, whatever its whitespace or case', () => {
    expect(pageTextChanged(decided, decided)).toBe(false);
    expect(pageTextChanged(decided, { ...decided, prefix: before.toUpperCase().replace(/ /g, '  ') })).toBe(
      false,
    );
  });

  it('should see a change of the context beyond the fingerprint’s 32 characters, on either side', () => {
    expect(pageTextChanged(decided, { ...decided, prefix: before.replace('Tuesday', 'Monday') })).toBe(true);
    expect(pageTextChanged(decided, { ...decided, suffix: after.replace('before', 'after') })).toBe(true);
  });

  it('should compare only as much context as both have, and say nothing about another quote', () => {
    expect(pageTextChanged(decided, { ...decided, prefix: before.slice(-40) })).toBe(false);
    expect(pageTextChanged(decided, { ...decided, exact: 'in Roterdam' })).toBe(false);
  });
});

describe('a decision is final', () => {
  let t: TestApp;
  let session: Record<string, string>;
  beforeEach(async () => {
    t = await openTestApp();
    const editor = await signedInEditor(t.app, t.store, { email: 'ed@example.org' });
    session = { cookie: editor.cookie, 'x-csrf-token': editor.csrf };
  });
  afterEach(async () => t.close());

  const report = async (prefix = before) =>
    (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/reports?wait=erratum',
        payload: demoReport({ quote: { exact: 'Roterdam', prefix, suffix: after } }),
      })
    ).json();
  const events = () =>
    t.store.db.selectFrom('erratum_events').select(['type', 'data', 'actor_id']).orderBy('id').execute();

  for (const status of ['rejected', 'spam'] as const) {
    it(`should let new reports of a ${status} spot join it silently, counted`, async () => {
      const { erratum } = await report();
      await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/errata/${erratum.id}`,
        headers: session,
        payload: { status },
      });
      const again = await report();
      expect(again.erratum).toEqual({ id: erratum.id, reports: 2, status });
      expect((await events()).map((e) => e.type)).toEqual(['status_changed']);
    });
  }

  it('should reopen a rejected spot when a report shows the page text around it changed, and say why', async () => {
    const { erratum } = await report();
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/errata/${erratum.id}`,
      headers: session,
      payload: { status: 'rejected' },
    });
    const edited = await report(before.replace('Tuesday', 'Wednesday'));
    expect(edited.erratum).toEqual({ id: erratum.id, reports: 2, status: 'open' });
    const history = await events();
    expect(history.map((e) => [e.type, e.actor_id])).toEqual([
      ['status_changed', expect.any(String)],
      ['reopened', null],
    ]);
    expect(JSON.parse(history[1]!.data)).toMatchObject({
      from: 'rejected',
      to: 'open',
      reason: 'A new report shows the page text around the quote changed since the decision.',
      report: edited.id,
    });
    // Notifications hear of the reopening like of any other status change.
    const outbox = await t.store.db
      .selectFrom('outbox_events')
      .select(['type', 'data'])
      .where('erratum_id', '=', erratum.id)
      .where('type', '=', 'erratum.status_changed')
      .orderBy('id')
      .execute();
    expect(outbox.map((e) => JSON.parse(e.data).to)).toEqual(['rejected', 'open']);
  });

  it('should compare with the page as it was at the decision, not at the first report', async () => {
    const { erratum } = await report();
    const changed = before.replace('Tuesday', 'Wednesday');
    await report(changed);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/errata/${erratum.id}`,
      headers: session,
      payload: { status: 'rejected' },
    });
    expect((await report(changed)).erratum.status).toBe('rejected');
  });

  it('should still leave a fixed spot fixed when it is reported again', async () => {
    const { erratum } = await report();
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/errata/${erratum.id}`,
      headers: session,
      payload: { status: 'fixed' },
    });
    expect((await report(before.replace('Tuesday', 'Friday'))).erratum.status).toBe('fixed');
  });
});

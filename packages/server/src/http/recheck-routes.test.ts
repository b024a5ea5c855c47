import { PUBLIC_NOTE_MAX } from '@errata/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiToken } from '../domain/api-tokens.ts';
import { findErratum } from '../store/errata-store.ts';
import { type CourierApp, openCourierApp } from '../testing/courier-app.ts';
import { article, markFixed, reportOf, reportThroughApi } from '../testing/recheck-fixtures.ts';
import { addSite, signedInEditor } from '../testing/test-app.ts';

const TYPO = 'Engineers from Roterdam will inspect the hinges before the bridge reopens.';
const FIXED = 'Engineers from Rotterdam will inspect the hinges before the bridge reopens.';

let t: CourierApp;
let erratumId: string;

beforeEach(async () => {
  t = await openCourierApp();
  t.pages.set('/news/bridge', article(TYPO));
  const receipt = await reportThroughApi(
    t.app,
    reportOf(article(TYPO), 'Roterdam', { site: 'courier-key', url: t.url }),
  );
  erratumId = receipt.erratum.id;
});
afterEach(() => t.close());

describe('POST /api/v1/pages/recheck', () => {
  it("should check the page at once with the site's API token and answer the verdicts", async () => {
    await markFixed(t.store, erratumId);
    t.pages.set('/news/bridge', article(FIXED));

    // The CMS sends the URL as it publishes it: tracking parameters and a fragment do not matter.
    const response = await t.recheck({ site: 'courier', url: `${t.url}?utm_source=cms#top` });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      site: 'courier',
      url: t.url,
      fetched: { ok: true, status: 200, reason: null, notModified: false },
      errata: [
        {
          id: erratumId,
          status: 'verified',
          check: expect.objectContaining({ state: 'replaced', replacedBy: 'Rotterdam' }),
        },
      ],
    });
  });

  it('should answer without fetching when the page has no open or fixed errata', async () => {
    const response = await t.recheck({ site: 'courier', url: `${t.pages.origin}/news/other` });
    expect(response.json()).toMatchObject({ fetched: null, errata: [] });
    expect(t.pages.requests).toEqual([]);
  });

  it("should answer 404 for another site's page, as for a site that does not exist", async () => {
    await addSite(t.store, 'other', 'https://other.example');
    const otherToken = await createApiToken(t.store, 'other', 'cms');
    const response = await t.recheck({ site: 'courier', url: t.url }, `Bearer ${otherToken}`);
    expect(response.statusCode).toBe(404);
    expect(t.pages.requests).toEqual([]);
  });

  it('should refuse a caller without a token or session, and a URL that is not http(s)', async () => {
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/pages/recheck',
          payload: { site: 'courier', url: t.url },
        })
      ).statusCode,
    ).toBe(401);
    const response = await t.recheck({ site: 'courier', url: 'javascript:alert(1)' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toBe('url must be an absolute http(s) address.');
  });

  it('should answer 503 rather than wait out a Retry-After of the host', async () => {
    t.pages.set('/news/bridge', (_request, response) =>
      response.writeHead(503, { 'retry-after': '600' }).end(),
    );
    expect((await t.recheck({ site: 'courier', url: t.url })).json().fetched).toMatchObject({
      ok: false,
      reason: 'HTTP 503',
    });
    const response = await t.recheck({ site: 'courier', url: t.url });
    expect(response.statusCode).toBe(503);
    expect(response.json().error).toMatch(
      /^127\.0\.0\.1:\d+ asked not to be fetched for another (600|59\d) s/,
    );
  });

  it('should answer 503 to a call queued behind the one that was told to wait, not wait with it', async () => {
    t.pages.set('/news/bridge', (_request, response) =>
      response.writeHead(503, { 'retry-after': '600' }).end(),
    );
    // Either call may reach the host first (on PostgreSQL their sign-in look-ups race): one fetches, the other is told.
    const answers = await Promise.all([
      t.recheck({ site: 'courier', url: t.url }),
      t.recheck({ site: 'courier', url: t.url }),
    ]);
    const fetched = answers.filter((answer) => answer.statusCode === 200);
    const told = answers.filter((answer) => answer.statusCode === 503);
    expect(fetched).toHaveLength(1);
    expect(told).toHaveLength(1);
    expect(fetched[0]?.json().fetched).toMatchObject({ ok: false, reason: 'HTTP 503' });
    expect(told[0]?.json().error).toMatch(/asked not to be fetched for another (600|59\d) s/);
    expect(t.pages.requests).toHaveLength(1);
  });

  it('should let a signed-in editor recheck too', async () => {
    const editor = await signedInEditor(t.app, t.store, { email: 'ed@example.org', sites: ['courier'] });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/pages/recheck',
      payload: { site: 'courier', url: t.url },
      headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().errata[0].check.state).toBe('still_there');
  });
});

describe('PUT /api/v1/errata/:id/public-note', () => {
  const put = (note: string | null) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/errata/${erratumId}/public-note`,
      payload: { note },
      headers: { authorization: `Bearer ${t.token}` },
    });

  it('should store the note, trimmed, and remove it when blank', async () => {
    expect((await put('  The name of the city was misspelt. ')).json()).toEqual({
      note: 'The name of the city was misspelt.',
    });
    const stored = await t.store.db
      .selectFrom('errata')
      .select('public_note')
      .where('id', '=', erratumId)
      .executeTakeFirst();
    expect(stored?.public_note).toBe('The name of the city was misspelt.');
    expect((await put('   ')).json()).toEqual({ note: null });
    expect((await put('x'.repeat(PUBLIC_NOTE_MAX + 1))).statusCode).toBe(400);
    expect((await findErratum(t.store.db, erratumId))?.status).toBe('open');
  });

  it('should record each change of the public note in the erratum’s history, and nothing for no change', async () => {
    await put('Misspelt city.');
    await put('Misspelt city.');
    await put(null);
    const history = await t.store.db
      .selectFrom('erratum_events')
      .select(['type', 'data'])
      .where('erratum_id', '=', erratumId)
      .where('type', '=', 'public_note')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    expect(history.map((event) => JSON.parse(event.data))).toEqual([
      { from: null, to: 'Misspelt city.' },
      { from: 'Misspelt city.', to: null },
    ]);
  });
});

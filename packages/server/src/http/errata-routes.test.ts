import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiToken } from '../domain/api-tokens.ts';
import { addSite, demoReport, openTestApp, signedInEditor, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await openTestApp();
});
afterEach(async () => t.close());

const report = async (overrides = {}) =>
  (
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports?wait=erratum',
      payload: demoReport(overrides),
    })
  ).json();

describe('GET /api/v1/errata', () => {
  it('should list a site’s open errata with counts and suggestions for a bearer token', async () => {
    await report({ suggestion: 'Rotterdam', comment: 'Double t.' });
    await report({ suggestion: ' rotterdam ' });
    await report({ suggestion: 'Rottérdam' });
    const token = await createApiToken(t.store, 'demo', 'test');
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/errata?site=demo&status=open',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(200);
    const { items, next } = response.json();
    expect(next).toBeNull();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      site: 'demo',
      url: 'http://localhost/demo/articles/harbour-bridge.html',
      quote: { exact: 'Roterdam', prefix: 'engineers from ', suffix: ' will inspect the' },
      status: 'open',
      reports: 3,
      comments: ['Double t.'],
    });
    expect(items[0].suggestions).toEqual([
      { text: expect.stringMatching(/^ ?[Rr]otterdam ?$/), count: 2 },
      { text: 'Rottérdam', count: 1 },
    ]);
  });

  it('should page through errata newest activity first with a cursor', async () => {
    for (const word of ['one', 'two', 'three']) {
      await report({ quote: { exact: word, prefix: `${word} `, suffix: '' } });
    }
    const token = await createApiToken(t.store, 'demo', 'test');
    const headers = { authorization: `Bearer ${token}` };
    const first = (await t.app.inject({ url: '/api/v1/errata?site=demo&limit=2', headers })).json();
    expect(first.items.map((e: { quote: { exact: string } }) => e.quote.exact)).toEqual(['three', 'two']);
    const second = (
      await t.app.inject({ url: `/api/v1/errata?site=demo&limit=2&cursor=${first.next}`, headers })
    ).json();
    expect(second.items.map((e: { quote: { exact: string } }) => e.quote.exact)).toEqual(['one']);
    expect(second.next).toBeNull();
  });

  it('should answer 401 without credentials and for a made-up token', async () => {
    expect((await t.app.inject({ url: '/api/v1/errata?site=demo' })).statusCode).toBe(401);
    const fake = await t.app.inject({
      url: '/api/v1/errata?site=demo',
      headers: { authorization: 'Bearer errata_madeup' },
    });
    expect(fake.statusCode).toBe(401);
  });

  it('should give nothing of another site to its token or its editors', async () => {
    await addSite(t.store, 'other', 'https://other.example');
    await report();
    const otherToken = await createApiToken(t.store, 'other', 'test');
    const viaToken = await t.app.inject({
      url: '/api/v1/errata?site=demo',
      headers: { authorization: `Bearer ${otherToken}` },
    });
    expect(viaToken.statusCode).toBe(404);
    expect(viaToken.body).not.toContain('Roterdam');

    const outsider = await signedInEditor(t.app, t.store, { email: 'other@example.org', sites: ['other'] });
    const viaSession = await t.app.inject({
      url: '/api/v1/errata?site=demo',
      headers: { cookie: outsider.cookie },
    });
    expect(viaSession.statusCode).toBe(404);
  });

  it('should explain a bad query', async () => {
    const token = await createApiToken(t.store, 'demo', 'test');
    const response = await t.app.inject({
      url: '/api/v1/errata?site=demo&status=closed&limit=0',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toEqual({
      status: 'must be one of open, fixed, verified, rejected, spam',
      limit: 'must be at least 1',
    });
  });
});

describe('PATCH /api/v1/errata/:id', () => {
  it('should mark an erratum fixed, record who did it, and reopen it', async () => {
    const { erratum } = await report();
    const editor = await signedInEditor(t.app, t.store, { email: 'ed@example.org' });
    const headers = { cookie: editor.cookie, 'x-csrf-token': editor.csrf };
    const fixed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/errata/${erratum.id}`,
      headers,
      payload: { status: 'fixed' },
    });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json()).toMatchObject({
      id: erratum.id,
      status: 'fixed',
      statusChangedAt: expect.any(String),
    });

    const open = await t.app.inject({ url: '/api/v1/errata?site=demo&status=open', headers });
    expect(open.json().items).toEqual([]);

    const reopened = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/errata/${erratum.id}`,
      headers,
      payload: { status: 'open' },
    });
    expect(reopened.json().status).toBe('open');

    const events = await t.store.db
      .selectFrom('erratum_events')
      .select(['type', 'data', 'actor_id'])
      .orderBy('id')
      .execute();
    // The fix records its correction: the reader's suggestion, as the editor gave none.
    expect(events.map((e) => JSON.parse(e.data))).toEqual([
      { from: 'open', to: 'fixed', correction: 'Rotterdam' },
      { from: 'fixed', to: 'open' },
    ]);
    expect(events.every((e) => e.actor_id !== null)).toBe(true);
  });

  it('should let a viewer read but not change', async () => {
    const { erratum } = await report();
    const viewer = await signedInEditor(t.app, t.store, { email: 'view@example.org', role: 'viewer' });
    const headers = { cookie: viewer.cookie, 'x-csrf-token': viewer.csrf };
    expect((await t.app.inject({ url: `/api/v1/errata/${erratum.id}`, headers })).statusCode).toBe(200);
    const change = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/errata/${erratum.id}`,
      headers,
      payload: { status: 'spam' },
    });
    expect(change.statusCode).toBe(403);
    expect(change.json().error).toBe('This needs the editor role on "demo"; you are a viewer.');
  });

  it('should answer 404, not 403, for an erratum of a site the editor is not a member of', async () => {
    await addSite(t.store, 'other', 'https://other.example');
    const { erratum } = await report();
    const outsider = await signedInEditor(t.app, t.store, { email: 'other@example.org', sites: ['other'] });
    const headers = { cookie: outsider.cookie, 'x-csrf-token': outsider.csrf };
    const change = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/errata/${erratum.id}`,
      headers,
      payload: { status: 'spam' },
    });
    expect(change.statusCode).toBe(404);
    const read = await t.app.inject({ url: `/api/v1/errata/${erratum.id}`, headers });
    expect(read.statusCode).toBe(404);
  });
});

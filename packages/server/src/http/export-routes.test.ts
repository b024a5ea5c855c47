import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiToken } from '../domain/api-tokens.ts';
import { addSite, demoReport, openTestApp, signedInEditor, type TestApp } from '../testing/test-app.ts';
import { failedAssertions, loadW3cSuite, reportMissingW3cSuite } from '../testing/w3c-annotation-suite.ts';

let t: TestApp;
let headers: { authorization: string };
beforeEach(async () => {
  t = await openTestApp();
  headers = { authorization: `Bearer ${await createApiToken(t.store, 'demo', 'test')}` };
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

/** Text a reader might type to take over an editor's spreadsheet. */
const HOSTILE = {
  title: '-2+3',
  quote: { exact: '=HYPERLINK("http://x","y")', prefix: 'the ', suffix: ' bridge' },
  suggestion: '+1+1',
  comment: '@SUM(A1)',
};

describe('GET /api/v1/export?format=csv', () => {
  it('should download a UTF-8 spreadsheet named after the site and the day', async () => {
    await report({ comment: 'Double t.' });
    const response = await t.app.inject({ url: '/api/v1/export?site=demo&format=csv', headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="errata-demo-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body.startsWith('\uFEFF"id","status","url","title","quote"')).toBe(true);
    const records = response.body.split('\r\n');
    expect(records).toHaveLength(3); // header, one erratum, and the empty string after the last CRLF
    expect(records[1]).toContain(
      '"Roterdam","engineers from "," will inspect the","120","128","1","Rotterdam"',
    );
  });

  it('should neutralise reader text that a spreadsheet would run as a formula', async () => {
    await report(HOSTILE);
    const body = (await t.app.inject({ url: '/api/v1/export?site=demo&format=csv', headers })).body;
    expect(body).toContain(`"'-2+3"`);
    expect(body).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(body).toContain(`"'+1+1"`);
    expect(body).toContain(`"'+1+1 ×1"`);
    expect(body).toContain(`"'@SUM(A1)"`);
    // No cell anywhere starts like a formula.
    expect(body).not.toMatch(/(^|,|\r\n)"[=+\-@\t\r]/);
  });
});

describe('GET /api/v1/export?format=json', () => {
  it('should give every erratum of the site as the API shows it, with all comments', async () => {
    for (let n = 0; n < 7; n++) await report({ comment: `comment ${n}` });
    await report({ quote: { exact: 'Swing', prefix: 'Old Harbour ', suffix: ' bridge' } });
    const response = await t.app.inject({ url: '/api/v1/export?site=demo&format=json', headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/filename="errata-demo-[\d-]+\.json"/);
    const exported = response.json();
    expect(exported).toMatchObject({ site: 'demo', status: null, exportedAt: expect.any(String) });
    expect(exported.errata.map((e: { quote: { exact: string } }) => e.quote.exact)).toEqual([
      'Roterdam',
      'Swing',
    ]);
    expect(exported.errata[0]).toMatchObject({ reports: 7, suggestions: [{ text: 'Rotterdam', count: 7 }] });
    expect(exported.errata[0].comments).toHaveLength(7);
    const listed = (await t.app.inject({ url: `/api/v1/errata/${exported.errata[1].id}`, headers })).json();
    expect(exported.errata[1]).toEqual(listed);
  });

  it('should keep to the status asked for', async () => {
    const { erratum } = await report();
    await report({ quote: { exact: 'Swing', prefix: 'Old Harbour ', suffix: ' bridge' } });
    const editor = await signedInEditor(t.app, t.store, { email: 'ed@example.org' });
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/errata/${erratum.id}`,
      headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf },
      payload: { status: 'fixed' },
    });
    const response = await t.app.inject({
      url: '/api/v1/export?site=demo&format=json&status=fixed',
      headers,
    });
    expect(response.headers['content-disposition']).toMatch(/filename="errata-demo-fixed-[\d-]+\.json"/);
    expect(response.json().errata.map((e: { id: string }) => e.id)).toEqual([erratum.id]);
  });
});

describe('GET /api/v1/export?format=annotation', () => {
  it('should give a Web Annotation collection with one editing annotation per erratum', async () => {
    await report();
    await report({ quote: { exact: 'Swing', prefix: '', suffix: ' bridge' }, suggestion: undefined });
    const response = await t.app.inject({ url: '/api/v1/export?site=demo&format=annotation', headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
    );
    expect(response.headers['content-disposition']).toMatch(/filename="errata-demo-[\d-]+\.jsonld"/);
    const collection = response.json();
    expect(collection).toMatchObject({ type: 'AnnotationCollection', total: 2 });
    const [withBody, withoutBody] = collection.first.items;
    expect(withBody).toMatchObject({
      id: expect.stringMatching(/^http:\/\/localhost\/api\/v1\/errata\/\w+$/),
      motivation: 'editing',
      body: { type: 'TextualBody', value: 'Rotterdam', purpose: 'editing', language: 'en' },
      target: { source: 'http://localhost/demo/articles/harbour-bridge.html' },
    });
    expect(withoutBody).not.toHaveProperty('body');
  });

  const suite = loadW3cSuite();
  if (!suite) reportMissingW3cSuite();

  it.skipIf(!suite)('should break no MUST assertion of the W3C test suite', async () => {
    await report({ comment: 'Double t.' });
    await report(HOSTILE);
    await report({
      quote: { exact: 'Swing', prefix: '', suffix: ' bridge' },
      suggestion: undefined,
      lang: undefined,
    });
    const collection = (
      await t.app.inject({ url: '/api/v1/export?site=demo&format=annotation', headers })
    ).json();
    const w3c = suite!;
    expect(collection.first.items).toHaveLength(3);
    const failures = [
      ...collection.first.items.flatMap((annotation: unknown) =>
        failedAssertions(annotation, w3c.annotation),
      ),
      ...failedAssertions(collection, w3c.collection),
      ...failedAssertions(collection, w3c.page),
    ];
    const checks =
      collection.first.items.length * w3c.annotation.length + w3c.collection.length + w3c.page.length;
    console.log(`W3C Web Annotation suite over HTTP: ${checks} MUST checks, ${failures.length} failed`);
    expect(failures).toEqual([]);
  });
});

describe('who may export', () => {
  it('should let a viewer of the site export', async () => {
    await report();
    const viewer = await signedInEditor(t.app, t.store, { email: 'view@example.org', role: 'viewer' });
    const response = await t.app.inject({
      url: '/api/v1/export?site=demo&format=csv',
      headers: { cookie: viewer.cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Roterdam');
  });

  it('should answer 401 without credentials', async () => {
    const response = await t.app.inject({ url: '/api/v1/export?site=demo&format=csv' });
    expect(response.statusCode).toBe(401);
  });

  it('should give nothing of another site to its token or its members, in any format', async () => {
    await addSite(t.store, 'other', 'https://other.example');
    await report();
    const otherToken = await createApiToken(t.store, 'other', 'test');
    const outsider = await signedInEditor(t.app, t.store, { email: 'other@example.org', sites: ['other'] });
    for (const format of ['csv', 'json', 'annotation']) {
      for (const credentials of [{ authorization: `Bearer ${otherToken}` }, { cookie: outsider.cookie }]) {
        const response = await t.app.inject({
          url: `/api/v1/export?site=demo&format=${format}`,
          headers: credentials,
        });
        expect(response.statusCode).toBe(404);
        expect(response.headers['content-disposition']).toBeUndefined();
        expect(response.body).not.toContain('Roterdam');
      }
    }
  });

  it('should explain an unknown format', async () => {
    const response = await t.app.inject({ url: '/api/v1/export?site=demo&format=xlsx', headers });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toEqual({ format: 'must be one of csv, json, annotation' });
  });
});

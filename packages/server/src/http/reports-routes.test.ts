import { QUOTE_EXACT_MAX, REPORT_BODY_MAX_BYTES, ROOT_INDEX_MAX, WEBSITE_MAX } from '@errata/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSiteIfMissing } from '../store/sites-store.ts';
import { addSite, demoReport, openTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await openTestApp();
});
afterEach(async () => t.close());

const post = (payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/reports?wait=erratum', payload: payload as object, headers });

describe('POST /api/v1/reports', () => {
  it('should answer 201 as soon as the report is durable, with its id only, and group it right after', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: demoReport() });
    expect(response.statusCode).toBe(201);
    const { id } = response.json();
    expect(response.json()).toEqual({ id: expect.any(String) });
    await t.services.ingest.drained();
    const inbox = await t.store.db
      .selectFrom('reports')
      .innerJoin('errata', 'errata.id', 'reports.erratum_id')
      .select(['errata.quote_exact', 'errata.report_count'])
      .where('reports.id', '=', id)
      .execute();
    expect(inbox).toEqual([{ quote_exact: 'Roterdam', report_count: 1 }]);
  });

  it('should refuse a wait for anything but the erratum', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports?wait=forever',
      payload: demoReport(),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toBe('wait must be erratum.');
  });

  it('should answer 201 with the report and its new erratum', async () => {
    const response = await post(demoReport());
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toEqual({
      id: expect.any(String),
      erratum: { id: expect.any(String), reports: 1, status: 'open' },
    });
  });

  it('should join a second report of the same spot to the same erratum', async () => {
    const first = (await post(demoReport())).json();
    // Another reader: different whitespace and case in the selection and context, a fragment in the URL.
    const second = (
      await post(
        demoReport({
          url: 'http://localhost/demo/articles/harbour-bridge.html#top',
          quote: { exact: ' roterdam', prefix: 'Engineers  from ', suffix: ' will inspect the' },
          suggestion: 'rotterdam',
        }),
      )
    ).json();
    expect(second.erratum).toEqual({ id: first.erratum.id, reports: 2, status: 'open' });
    expect(second.id).not.toBe(first.id);
  });

  it('should join a reader who selected more of the same mistake to its erratum, also within one batch', async () => {
    const text =
      'The work will be led by a marine engineering firm from Roterdam that has restored two bridges.';
    const selection = (words: string) => {
      const start = text.indexOf(words);
      return {
        quote: {
          exact: words,
          prefix: text.slice(Math.max(0, start - 64), start),
          suffix: text.slice(start + words.length, start + words.length + 64),
        },
        position: { start, end: start + words.length },
      };
    };
    const first = (await post(demoReport(selection('Roterdam')))).json();
    const wider = (await post(demoReport(selection('from Roterdam that')))).json();
    expect(wider.erratum).toEqual({ id: first.erratum.id, reports: 2, status: 'open' });

    const [a, b] = await Promise.all([
      post(demoReport(selection('restored'))),
      post(demoReport(selection('has restored two'))),
    ]);
    expect(a?.json().erratum.id).toBe(b?.json().erratum.id);
    expect(a?.json().erratum.id).not.toBe(first.erratum.id);
  });

  it('should keep two mistakes in one sentence apart', async () => {
    const one = (
      await post(
        demoReport({
          quote: { exact: 'Roterdam', prefix: 'firm from ', suffix: ' that has restored tow bridges' },
        }),
      )
    ).json();
    const two = (
      await post(
        demoReport({
          quote: { exact: 'tow', prefix: 'firm from Roterdam that has restored ', suffix: ' bridges' },
          position: { start: 150, end: 153 },
        }),
      )
    ).json();
    expect(two.erratum.id).not.toBe(one.erratum.id);
  });

  it('should make another erratum for the same words at another place', async () => {
    const first = (await post(demoReport())).json();
    const other = (
      await post(demoReport({ quote: { exact: 'Roterdam', prefix: 'ferry to ', suffix: ' leaves' } }))
    ).json();
    expect(other.erratum.id).not.toBe(first.erratum.id);
    expect(other.erratum.reports).toBe(1);
  });

  it('should accept the widget’s text/plain body (no CORS preflight) and let any page read the answer', async () => {
    const response = await post(JSON.stringify(demoReport()), { 'content-type': 'text/plain;charset=UTF-8' });
    expect(response.statusCode).toBe(201);
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });

  it('should answer a CORS preflight for JSON bodies', async () => {
    const response = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/reports?wait=erratum',
      headers: { origin: 'http://localhost', 'access-control-request-method': 'POST' },
    });
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-headers']).toContain('content-type');
  });

  it('should return 400 with a message per field', async () => {
    const response = await post({
      ...demoReport(),
      quote: { exact: 'x'.repeat(QUOTE_EXACT_MAX + 1), prefix: '', suffix: '' },
      position: { start: 'a', end: 3 },
      comment: 5,
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.fields).toEqual({
      'quote.exact': `is longer than ${QUOTE_EXACT_MAX} characters`,
      'position.start': 'must be a whole number',
      comment: 'must be a string',
    });
    expect(body.error).toBe(`quote.exact is longer than ${QUOTE_EXACT_MAX} characters (and 2 more).`);
  });

  it('should name a missing field', async () => {
    const { quote: _quote, ...withoutQuote } = demoReport();
    const response = await post(withoutQuote);
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toEqual({ quote: 'is required' });
  });

  it('should refuse a position that ends before it starts', async () => {
    const response = await post(demoReport({ position: { start: 10, end: 10 } }));
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toEqual({ 'position.end': 'must be greater than position.start' });
  });

  it('should refuse what a database column cannot hold: an offset past any article, a NUL character', async () => {
    const far = await post(demoReport({ position: { start: 3_000_000_000, end: 3_000_000_008 } }));
    expect(far.statusCode).toBe(400);
    expect(far.json().fields).toEqual({
      'position.start': 'must be at most 100000000',
      'position.end': 'must be at most 100000000',
    });
    const nul = await post(demoReport({ comment: 'before\u0000after' }));
    expect(nul.statusCode).toBe(400);
    // Refused for every route before validation (nul-characters.ts), naming the field.
    expect(nul.json()).toEqual({
      error: 'comment holds a NUL character (U+0000), which no text may hold.',
      fields: { comment: 'holds a NUL character' },
    });
    const accepted = await post(demoReport({ comment: 'before after' }));
    expect(accepted.statusCode).toBe(201);
  });

  it('should return 400 for a body that is not JSON', async () => {
    const response = await post('{nope', { 'content-type': 'application/json' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toBe('The body is not valid JSON.');
  });

  it('should return 403 for an unknown site', async () => {
    const response = await post(demoReport({ site: 'nobody' }));
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toContain('Unknown site "nobody"');
  });

  it('should return 403 for a page outside the site’s allowed origins', async () => {
    const response = await post(demoReport({ url: 'https://elsewhere.example/demo/a.html' }));
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toBe(
      'Pages at https://elsewhere.example may not report to the site "demo".',
    );
  });

  it('should not let a forged Host header make a foreign page the demo’s own', async () => {
    const forged = await post(demoReport({ url: 'http://evil.example/a.html' }), {
      host: 'evil.example',
      origin: 'http://evil.example',
    });
    expect(forged.statusCode).toBe(403);
    const malformed = await post(demoReport(), { host: 'exa mple' });
    expect(malformed.statusCode).toBe(403);
  });

  it('should refuse a quote of only whitespace and a body poisoning __proto__', async () => {
    const blank = await post(demoReport({ quote: { exact: '   ', prefix: 'a', suffix: 'b' } }));
    expect(blank.statusCode).toBe(400);
    expect(blank.json().fields).toEqual({ 'quote.exact': 'must contain more than whitespace' });
    const poisoned = await post(`{"__proto__":{"x":1},${JSON.stringify(demoReport()).slice(1)}`, {
      'content-type': 'text/plain',
    });
    expect(poisoned.statusCode).toBe(400);
  });

  it('should return 403 when the browser says the report comes from a foreign origin', async () => {
    const response = await post(demoReport(), { origin: 'https://evil.example' });
    expect(response.statusCode).toBe(403);
  });

  it('should take reports of another site only from that site’s origin', async () => {
    await addSite(t.store, 'courier', 'https://courier.example');
    const ok = await post(demoReport({ site: 'courier-key', url: 'https://courier.example/a' }), {
      origin: 'https://courier.example',
    });
    expect(ok.statusCode).toBe(201);
    const wrong = await post(demoReport({ site: 'courier-key' }));
    expect(wrong.statusCode).toBe(403);
  });

  it('should return 413 when the body is too large', async () => {
    const response = await post({ ...demoReport(), comment: 'x'.repeat(REPORT_BODY_MAX_BYTES) });
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toBe('The request is larger than 16 KB.');
  });

  it('should store nothing for a refused report', async () => {
    await post(demoReport({ site: 'nobody' }));
    await post({ ...demoReport(), quote: { exact: '', prefix: '', suffix: '' } });
    const rows = await t.store.db.selectFrom('reports').select('id').execute();
    expect(rows).toEqual([]);
  });
});

describe('POST /api/v1/reports from pages that name another address', () => {
  const courier = async () =>
    createSiteIfMissing(
      t.store.db,
      {
        id: 'courier',
        name: 'Courier',
        publicKey: 'courier-key',
        allowedOrigins: ['https://courier.example', 'https://www.courier.example'],
        rootSelector: null,
      },
      new Date().toISOString(),
    );
  const pageOf = async (erratumId: string) =>
    (
      await t.store.db
        .selectFrom('errata')
        .select('url')
        .where('id', '=', erratumId)
        .executeTakeFirstOrThrow()
    ).url;

  it('should accept a page whose canonical link names another host, filed under the address it was served from', async () => {
    const response = await post(demoReport({ canonical: 'https://www.example-news.com/2024/bridge.html' }), {
      origin: 'http://localhost',
    });
    expect(response.statusCode).toBe(201);
    expect(await pageOf(response.json().erratum.id)).toBe(
      'http://localhost/demo/articles/harbour-bridge.html',
    );
  });

  it('should file a page under its canonical address when that is one of the site’s origins', async () => {
    await courier();
    const bare = await post(
      demoReport({
        site: 'courier-key',
        url: 'https://courier.example/news/bridge?ref=home',
        canonical: 'https://www.courier.example/news/bridge',
      }),
      { origin: 'https://courier.example' },
    );
    expect(bare.statusCode).toBe(201);
    expect(await pageOf(bare.json().erratum.id)).toBe('https://www.courier.example/news/bridge');
    // The same spot read on the www host joins the same erratum.
    const www = await post(
      demoReport({ site: 'courier-key', url: 'https://www.courier.example/news/bridge' }),
      {
        origin: 'https://www.courier.example',
      },
    );
    expect(www.json().erratum).toEqual({ id: bare.json().erratum.id, reports: 2, status: 'open' });
  });

  it('should refuse a page served from elsewhere even when its canonical link is the site’s', async () => {
    await courier();
    const response = await post(
      demoReport({
        site: 'courier-key',
        url: 'https://copy.example/news/bridge',
        canonical: 'https://courier.example/news/bridge',
      }),
    );
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toBe('Pages at https://copy.example may not report to the site "courier".');
  });

  it('should keep the article root the reader measured in with the erratum', async () => {
    const response = await post(demoReport({ root: { selector: 'article', index: 3 } }));
    const row = await t.store.db
      .selectFrom('errata')
      .select(['root_selector', 'root_index'])
      .where('id', '=', response.json().erratum.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ root_selector: 'article', root_index: 3 });
    const tooFar = await post(demoReport({ root: { selector: 'article', index: ROOT_INDEX_MAX + 1 } }));
    expect(tooFar.statusCode).toBe(400);
    expect(Object.keys(tooFar.json().fields)).toEqual(['root.index']);
  });
});

describe('POST /api/v1/reports retried by the widget', () => {
  const clientId = 'Zx3-k9_QwErTyUiOp12345';

  it('should answer 201 the first time and 200 with the same receipt for a repeat, counting it once', async () => {
    const first = await post(demoReport({ clientId }));
    const again = await post(demoReport({ clientId }));
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const next = (await post(demoReport({ clientId: 'another-client-id-0001' }))).json();
    expect(next.erratum.reports).toBe(2);
  });

  it('should count a report once when its repeats arrive in the same batch', async () => {
    const answers = await Promise.all([post(demoReport({ clientId })), post(demoReport({ clientId }))]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 201]);
    expect(answers[0]?.json()).toEqual(answers[1]?.json());
    const rows = await t.store.db.selectFrom('reports').select('id').execute();
    expect(rows).toHaveLength(1);
  });

  it('should refuse a client id that is not one the widget makes', async () => {
    const response = await post(demoReport({ clientId: 'short' }));
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toEqual({ clientId: 'is not in the expected format' });
  });

  it('should take a report whose hidden website field was filled: spam scoring weighs it, the route does not refuse it', async () => {
    const response = await post(demoReport({ website: 'http://cheap-pills.example' }));
    expect(response.statusCode).toBe(201);
  });

  it('should refuse a website field longer than WEBSITE_MAX characters', async () => {
    const response = await post(demoReport({ website: 'x'.repeat(WEBSITE_MAX + 1) }));
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toHaveProperty('website');
  });
});

describe('POST /api/v1/reports throttling', () => {
  it('should return 429 with Retry-After once an address sends too many reports', async () => {
    const limited = await openTestApp({ reportsPerMinute: 2 });
    try {
      const send = () =>
        limited.app.inject({ method: 'POST', url: '/api/v1/reports?wait=erratum', payload: demoReport() });
      expect((await send()).statusCode).toBe(201);
      expect((await send()).statusCode).toBe(201);
      const third = await send();
      expect(third.statusCode).toBe(429);
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
      expect(third.json().error).toMatch(/^Too many reports from your address: try again in/);
    } finally {
      await limited.close();
    }
  });
});

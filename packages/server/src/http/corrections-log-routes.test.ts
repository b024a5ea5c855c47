import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setSiteFlag } from '../store/site-flags-store.ts';
import { type CourierApp, openCourierApp } from '../testing/courier-app.ts';
import { article, markFixed, reportOf, reportThroughApi } from '../testing/recheck-fixtures.ts';
import { xmlProblems } from '../testing/xml-well-formed.ts';

const TYPO = 'Engineers from Roterdam will inspect the hinges before the bridge reopens.';
const FIXED = 'Engineers from Rotterdam will inspect the hinges before the bridge reopens.';
const HOSTILE_TITLE = 'Bridge <script>alert(1)</script> & "more"';

let t: CourierApp;

/** A site with one verified correction on /news/bridge, reported by a reader and seen fixed by a recheck. */
beforeEach(async () => {
  t = await openCourierApp();
  const receipt = await reportThroughApi(
    t.app,
    reportOf(article(TYPO), 'Roterdam', { site: 'courier-key', url: t.url }, { title: HOSTILE_TITLE }),
  );
  await markFixed(t.store, receipt.erratum.id);
  t.pages.set('/news/bridge', article(FIXED));
  await t.recheck({ site: 'courier', url: t.url });
  await t.app.inject({
    method: 'PUT',
    url: `/api/v1/errata/${receipt.erratum.id}/public-note`,
    payload: { note: 'The city was <misspelt>.' },
    headers: { authorization: `Bearer ${t.token}` },
  });
});
afterEach(() => t.close());

const get = (path: string) => t.app.inject({ method: 'GET', url: path });

describe('the public corrections log', () => {
  it('should answer 404 with a reason for a site that did not opt in, and for one that does not exist', async () => {
    for (const path of [
      '/c/courier',
      '/c/courier/feed.json',
      '/c/courier/atom.xml',
      `/c/courier/for?url=${t.url}`,
    ]) {
      const response = await get(path);
      expect(response.statusCode).toBe(404);
      expect(response.json().error).toBe(
        'No public corrections log for "courier": the site does not exist or does not publish its corrections.',
      );
    }
    expect((await get('/c/nowhere')).json().error).toContain('No public corrections log for "nowhere"');
  });

  it('should serve the HTML page without scripts, with the correction escaped', async () => {
    await setSiteFlag(t.store.db, 'courier', 'publicLog', true);
    const response = await get('/c/courier');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-/);
    expect(response.body).toContain('<del>Roterdam</del> → <ins>Rotterdam</ins>');
    expect(response.body).toContain('Bridge &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;');
    expect(response.body).toContain('<p class="note">The city was &lt;misspelt&gt;.</p>');
    expect(response.body).not.toMatch(/<script/i);
  });

  it('should serve a JSON Feed and a well-formed Atom feed', async () => {
    await setSiteFlag(t.store.db, 'courier', 'publicLog', true);
    const json = await get('/c/courier/feed.json');
    expect(json.headers['content-type']).toBe('application/feed+json; charset=utf-8');
    const feed = JSON.parse(json.body);
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]).toMatchObject({ url: t.url, title: HOSTILE_TITLE });
    expect(feed.items[0].content_text).toBe('«Roterdam» → «Rotterdam»\nThe city was <misspelt>.');

    const atom = await get('/c/courier/atom.xml');
    expect(atom.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(xmlProblems(atom.body)).toEqual([]);
    expect(atom.body).toContain(
      '<title>Bridge &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;</title>',
    );
  });

  it("should give an article's own corrections to any page, for its footnote", async () => {
    await setSiteFlag(t.store.db, 'courier', 'publicLog', true);
    const response = await get(`/c/courier/for?url=${encodeURIComponent(`${t.url}?utm_source=x`)}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.json().corrections).toEqual([
      expect.objectContaining({ was: 'Roterdam', now: 'Rotterdam', note: 'The city was <misspelt>.' }),
    ]);
    const other = await get(`/c/courier/for?url=${encodeURIComponent(`${t.pages.origin}/news/other`)}`);
    expect(other.json().corrections).toEqual([]);
    expect((await get('/c/courier/for?url=not-a-url')).statusCode).toBe(400);
  });
});

import { FINGERPRINT_CONTEXT, PROOFREAD_PAGES_PER_HOUR } from '@errata/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findErratum } from '../store/errata-store.ts';
import { enqueueProofreadJob } from '../store/proofread-store.ts';
import { type CourierApp, openCourierApp } from '../testing/courier-app.ts';
import { article, reportThroughApi } from '../testing/recheck-fixtures.ts';
import { signedInEditor } from '../testing/test-app.ts';

const SENTENCE = 'The council will recieve the report from Okafor on Monday.';

let t: CourierApp;
beforeEach(async () => {
  t = await openCourierApp();
  t.pages.set('/news/bridge', article(SENTENCE));
});
afterEach(() => t.close());

function proofread(url: string, headers: Record<string, string> = { authorization: `Bearer ${t.token}` }) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/sites/courier/proofread',
    payload: { url },
    headers,
  });
}

describe('POST /api/v1/sites/:site/proofread', () => {
  it('should read the page and make its sure findings errata of the proofreader, with no report', async () => {
    const response = await proofread(t.url);

    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toEqual({ url: t.url, findings: 1, created: 1, errata: [expect.any(String)] });
    const erratum = await findErratum(t.store.db, body.errata[0]);
    expect(erratum).toMatchObject({
      source: 'proofreader',
      status: 'open',
      reports: 0,
      url: t.url,
      quote: {
        exact: 'recieve',
        prefix: expect.stringMatching(/The council will $/),
        suffix: expect.any(String),
      },
      finding: { rule: 'spelling', suggestions: expect.arrayContaining(['receive']) },
      proposedFrom: null,
    });
    expect(erratum?.finding?.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('should create nothing the second time: the spot has its erratum', async () => {
    await proofread(t.url);
    const again = await proofread(t.url);
    expect(again.json()).toMatchObject({ findings: 1, created: 0, errata: [] });
  });

  it('should answer 429 with Retry-After once the site had 10 pages proofread in the hour', async () => {
    const now = new Date().toISOString();
    for (let i = 0; i < PROOFREAD_PAGES_PER_HOUR; i++) {
      await enqueueProofreadJob(t.store.db, {
        siteId: 'courier',
        kind: 'page',
        url: `${t.pages.origin}/news/${i}`,
        trigger: 'editor',
        state: 'running',
        now,
      });
    }
    const response = await proofread(t.url);
    expect(response.statusCode).toBe(429);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(3500);
    expect(response.json().error).toMatch(/10 pages of "courier" were proofread in the last hour/);
    expect(t.pages.requests).toEqual([]);
  });

  it('should refuse a viewer with 403, and a page of another origin with 400', async () => {
    const viewer = await signedInEditor(t.app, t.store, {
      email: 'viewer@example.org',
      role: 'viewer',
      sites: ['courier'],
    });
    const asViewer = await proofread(t.url, { cookie: viewer.cookie, 'x-csrf-token': viewer.csrf });
    expect(asViewer.statusCode).toBe(403);

    const foreign = await proofread('https://elsewhere.example/news/bridge');
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json()).toMatchObject({ fields: { url: expect.any(String) } });
    expect(t.pages.requests).toEqual([]);
  });

  it('should answer 422 saying why when the page cannot be read', async () => {
    const response = await proofread(`${t.pages.origin}/news/missing`);
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatch(/could not read .*HTTP 404/);
  });
});

describe('the words of a site', () => {
  const auth = () => ({ authorization: `Bearer ${t.token}` });

  it('should add, list and remove a word, refusing blanks, phrases and long words clearly', async () => {
    const added = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sites/courier/words',
      payload: { word: '  Okafor ' },
      headers: auth(),
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toEqual({ word: 'Okafor', source: 'editor', addedAt: expect.any(String) });

    for (const [word, message] of [
      ['   ', /Type the word/],
      ['two words', /more than one word/],
      ['x'.repeat(65), /at most 64 characters/],
    ] as const) {
      const refused = await t.app.inject({
        method: 'POST',
        url: '/api/v1/sites/courier/words',
        payload: { word },
        headers: auth(),
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error).toMatch(message);
    }

    const listed = await t.app.inject({ method: 'GET', url: '/api/v1/sites/courier/words', headers: auth() });
    expect(listed.json()).toEqual({
      words: [{ word: 'Okafor', source: 'editor', addedAt: expect.any(String) }],
    });
    const removed = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/sites/courier/words/Okafor',
      headers: auth(),
    });
    expect(removed.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/sites/courier/words', headers: auth() });
    expect(after.json()).toEqual({ words: [] });
  });

  it('should let a viewer read the words but not change them', async () => {
    const viewer = await signedInEditor(t.app, t.store, {
      email: 'viewer@example.org',
      role: 'viewer',
      sites: ['courier'],
    });
    const headers = { cookie: viewer.cookie, 'x-csrf-token': viewer.csrf };
    const read = await t.app.inject({ method: 'GET', url: '/api/v1/sites/courier/words', headers });
    expect(read.statusCode).toBe(200);
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sites/courier/words',
      payload: { word: 'Okafor' },
      headers,
    });
    expect(write.statusCode).toBe(403);
  });

  it('should learn the word when an editor rejects the proofreader’s spelling erratum, and never flag it again', async () => {
    const first = (await proofread(t.url)).json();
    const rejected = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/errata/${first.errata[0]}`,
      payload: { status: 'rejected' },
      headers: auth(),
    });
    expect(rejected.statusCode).toBe(200);

    const words = await t.app.inject({ method: 'GET', url: '/api/v1/sites/courier/words', headers: auth() });
    expect(words.json().words).toEqual([
      { word: 'recieve', source: 'dismissed', addedAt: expect.any(String) },
    ]);

    // Elsewhere on the site too: another page with the word finds nothing.
    t.pages.set('/news/other', article(`Readers will recieve a copy. ${SENTENCE}`, 'Other'));
    const other = await proofread(`${t.pages.origin}/news/other`);
    expect(other.json()).toMatchObject({ findings: 0, created: 0 });
  });

  const patchStatus = (id: string, status: string) =>
    t.app.inject({ method: 'PATCH', url: `/api/v1/errata/${id}`, payload: { status }, headers: auth() });
  const wordsNow = async () =>
    (await t.app.inject({ method: 'GET', url: '/api/v1/sites/courier/words', headers: auth() })).json().words;
  const addWord = (word: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/sites/courier/words', payload: { word }, headers: auth() });
  const dismissed = (word: string) => ({ word, source: 'dismissed', addedAt: expect.any(String) });
  const editors = (word: string) => ({ word, source: 'editor', addedAt: expect.any(String) });

  it('should forget the word again when the rejection that taught it is undone, as the dashboard’s u undoes it', async () => {
    const [id] = (await proofread(t.url)).json().errata;
    expect((await patchStatus(id, 'rejected')).statusCode).toBe(200);
    expect(await wordsNow()).toEqual([dismissed('recieve')]);

    // u sends the status the erratum had: a PATCH for one erratum …
    expect((await patchStatus(id, 'open')).statusCode).toBe(200);
    expect(await wordsNow()).toEqual([]);
    t.pages.set('/news/other', article('Readers will recieve a copy.', 'Other'));
    expect((await proofread(`${t.pages.origin}/news/other`)).json()).toMatchObject({ created: 1 });

    // … a bulk change for several.
    expect((await patchStatus(id, 'rejected')).statusCode).toBe(200);
    expect(await wordsNow()).toEqual([dismissed('recieve')]);
    const undone = await t.app.inject({
      method: 'POST',
      url: '/api/v1/errata/bulk',
      payload: { site: 'courier', ids: [id], change: { status: 'open' } },
      headers: auth(),
    });
    expect(undone.json()).toMatchObject({ updated: [{ id, status: 'open' }], failed: [] });
    expect(await wordsNow()).toEqual([]);

    // Any change away from rejected takes it back: the editor found it a mistake after all.
    await patchStatus(id, 'rejected');
    expect((await patchStatus(id, 'fixed')).statusCode).toBe(200);
    expect(await wordsNow()).toEqual([]);
  });

  it('should never take back a word an editor added, before the rejection or after it', async () => {
    const [id] = (await proofread(t.url)).json().errata;
    // Added before: rejecting teaches nothing, undoing takes nothing.
    expect((await addWord('recieve')).statusCode).toBe(201);
    await patchStatus(id, 'rejected');
    await patchStatus(id, 'open');
    expect(await wordsNow()).toEqual([editors('recieve')]);

    // Added after the rejection taught it: the word is the editor's from then on.
    await t.app.inject({ method: 'DELETE', url: '/api/v1/sites/courier/words/recieve', headers: auth() });
    await patchStatus(id, 'rejected');
    expect(await wordsNow()).toEqual([dismissed('recieve')]);
    expect((await addWord('recieve')).json()).toEqual(editors('recieve'));
    await patchStatus(id, 'open');
    expect(await wordsNow()).toEqual([editors('recieve')]);
  });

  it('should keep the word while another rejected erratum of the proofreader with that word stands', async () => {
    t.pages.set('/news/other', article('Readers will recieve a copy.', 'Other'));
    const [first] = (await proofread(t.url)).json().errata;
    const [second] = (await proofread(`${t.pages.origin}/news/other`)).json().errata;
    await patchStatus(first, 'rejected');
    await patchStatus(second, 'rejected');

    await patchStatus(first, 'open');
    expect(await wordsNow()).toEqual([dismissed('recieve')]);
    await patchStatus(second, 'open');
    expect(await wordsNow()).toEqual([]);
  });

  it('should forget the word when a reader’s report shows the page changed and reopens the erratum', async () => {
    const url = `${t.pages.origin}/news/long`;
    t.pages.set(
      '/news/long',
      article(`Works on the harbour bridge start next week, after a long wait. ${SENTENCE}`, 'Long'),
    );
    const [id] = (await proofread(url)).json().errata;
    await patchStatus(id, 'rejected');
    expect(await wordsNow()).toEqual([dismissed('recieve')]);

    // The words beyond the 32 characters the spot is known by (normalised: a few more kept) were rewritten.
    const KEPT = FINGERPRINT_CONTEXT + 16;
    const erratum = (await findErratum(t.store.db, id))!;
    const { prefix, suffix } = erratum.quote;
    expect(prefix.length).toBeGreaterThan(KEPT);
    const receipt = await reportThroughApi(t.app, {
      site: 'courier-key',
      url,
      quote: {
        exact: 'recieve',
        prefix: 'z'.repeat(prefix.length - KEPT) + prefix.slice(-KEPT),
        suffix,
      },
      position: erratum.position,
    });
    expect(receipt).toMatchObject({ erratum: { id, status: 'open' } });
    expect(await wordsNow()).toEqual([]);
  });
});

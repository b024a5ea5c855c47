import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApiRequestError,
  changeErrata,
  errorMessage,
  isUnauthorized,
  listErrata,
  patchErratum,
  proofreadPage,
  removeSiteWord,
  signIn,
  signOut,
} from './api.ts';
import { NO_FILTER } from './inbox-location.ts';

function answer(status: number, body?: unknown, contentType = 'application/json'): Response {
  const text = body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body);
  return new Response(text, { status, headers: { 'Content-Type': contentType } });
}

function stubFetch(response: Response | Error) {
  const fetch = vi.fn(async (_input: string, _init?: RequestInit) => {
    if (response instanceof Error) throw response;
    return response;
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

function sent(fetch: ReturnType<typeof stubFetch>): { url: string; init: RequestInit } {
  const call = fetch.mock.calls[0];
  if (!call) throw new Error('fetch was not called');
  return { url: call[0], init: call[1] ?? {} };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the API client', () => {
  it('sends the session cookie and the CSRF token with a status change', async () => {
    const fetch = stubFetch(answer(200, { id: 'e/1', status: 'fixed' }));
    await patchErratum('e/1', { status: 'fixed' }, 'token-123');
    const { url, init } = sent(fetch);
    expect(url).toBe('/api/v1/errata/e%2F1');
    expect(init.method).toBe('PATCH');
    expect(init.credentials).toBe('same-origin');
    expect(new Headers(init.headers).get('X-CSRF-Token')).toBe('token-123');
    expect(JSON.parse(String(init.body))).toEqual({ status: 'fixed' });
  });

  it('asks for a page of errata by site, status, page size and cursor', async () => {
    const fetch = stubFetch(answer(200, { items: [], next: null }));
    await listErrata({ site: 'site 1', status: 'rejected', cursor: 'abc=' });
    const { url, init } = sent(fetch);
    const query = new URL(url, 'http://dashboard.test').searchParams;
    expect(url.startsWith('/api/v1/errata?')).toBe(true);
    expect(Object.fromEntries(query)).toEqual({
      site: 'site 1',
      status: 'rejected',
      sort: 'priority',
      limit: '50',
      cursor: 'abc=',
    });
    expect(init.credentials).toBe('same-origin');
  });

  it('asks for the errata a filter narrows to, in its order', async () => {
    const fetch = stubFetch(answer(200, { items: [], next: null }));
    await listErrata({
      site: 's',
      status: 'open',
      filter: {
        ...NO_FILTER,
        kind: 'factual',
        assignee: 'me',
        hasSuggestion: true,
        q: 'teh',
        sort: 'newest',
      },
    });
    const query = new URL(sent(fetch).url, 'http://dashboard.test').searchParams;
    expect(Object.fromEntries(query)).toEqual({
      site: 's',
      status: 'open',
      kind: 'factual',
      assignee: 'me',
      hasSuggestion: 'true',
      q: 'teh',
      sort: 'newest',
      limit: '50',
    });
  });

  it('sends a bulk change with the CSRF token', async () => {
    const fetch = stubFetch(answer(200, { updated: [], failed: [] }));
    await changeErrata({ site: 's', ids: ['a', 'b'], change: { assigneeId: null } }, 'token-123');
    const { url, init } = sent(fetch);
    expect(url).toBe('/api/v1/errata/bulk');
    expect(init.method).toBe('POST');
    expect(new Headers(init.headers).get('X-CSRF-Token')).toBe('token-123');
    expect(JSON.parse(String(init.body))).toEqual({
      site: 's',
      ids: ['a', 'b'],
      change: { assigneeId: null },
    });
  });

  it("throws the server's sentence and fields on an error answer", async () => {
    stubFetch(answer(401, { error: 'Wrong e-mail or password.', fields: { email: 'unknown' } }));
    const failure = await signIn('a@example.org', 'wrong').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiRequestError);
    expect((failure as ApiRequestError).message).toBe('Wrong e-mail or password.');
    expect((failure as ApiRequestError).fields).toEqual({ email: 'unknown' });
    expect(isUnauthorized(failure)).toBe(true);
  });

  it("shows the server's wait in seconds when sign-ins are limited", async () => {
    const message = 'Too many sign-in attempts for this account: try again in 8 s.';
    stubFetch(
      new Response(JSON.stringify({ error: message }), { status: 429, headers: { 'Retry-After': '8' } }),
    );
    const failure = await signIn('a@example.org', 'wrong').catch((error: unknown) => error);
    expect((failure as ApiRequestError).status).toBe(429);
    expect(errorMessage(failure)).toBe(message);
    expect(isUnauthorized(failure)).toBe(false);
  });

  it('takes the wait from Retry-After when a 429 comes without an error body', async () => {
    stubFetch(new Response('Too Many Requests', { status: 429, headers: { 'Retry-After': '30' } }));
    const failure = await signIn('a@example.org', 'wrong').catch((error: unknown) => error);
    expect(errorMessage(failure)).toBe('Too many attempts: try again in 30 s.');
  });

  it('makes a readable sentence of an answer without an error body', async () => {
    stubFetch(answer(502, '<html>Bad gateway</html>', 'text/html'));
    const failure = await listErrata({ site: 's', status: 'open' }).catch((error: unknown) => error);
    expect((failure as ApiRequestError).status).toBe(502);
    expect((failure as ApiRequestError).message).toMatch(/server had a problem/);
    expect(isUnauthorized(failure)).toBe(false);
  });

  it('reports a network failure as status 0 with a sentence', async () => {
    stubFetch(new TypeError('Failed to fetch'));
    const failure = await listErrata({ site: 's', status: 'open' }).catch((error: unknown) => error);
    expect((failure as ApiRequestError).status).toBe(0);
    expect((failure as ApiRequestError).message).toMatch(/Cannot reach the server/);
  });

  it('accepts an empty 204 answer to sign-out', async () => {
    const fetch = stubFetch(answer(204));
    await expect(signOut('token-123')).resolves.toBeUndefined();
    expect(sent(fetch).init.method).toBe('DELETE');
    expect(new Headers(sent(fetch).init.headers).get('X-CSRF-Token')).toBe('token-123');
  });

  it('asks the proofreader to read a page with the CSRF token', async () => {
    const fetch = stubFetch(
      answer(200, { url: 'https://a.example/p', findings: 1, created: 1, errata: ['e1'] }),
    );
    const result = await proofreadPage('demo site', 'https://a.example/p', 'token-123');
    expect(result.created).toBe(1);
    const { url, init } = sent(fetch);
    expect(url).toBe('/api/v1/sites/demo%20site/proofread');
    expect(init.method).toBe('POST');
    expect(new Headers(init.headers).get('X-CSRF-Token')).toBe('token-123');
    expect(JSON.parse(String(init.body))).toEqual({ url: 'https://a.example/p' });
  });

  it("keeps a 429's sentence and its Retry-After seconds", async () => {
    stubFetch(
      new Response(JSON.stringify({ message: 'This site proofread 10 pages this hour.' }), {
        status: 429,
        headers: { 'Content-Type': 'application/json', 'Retry-After': '1200' },
      }),
    );
    const failure = (await proofreadPage('demo', 'https://a.example/p', 't').catch(
      (e: unknown) => e,
    )) as ApiRequestError;
    expect(failure.status).toBe(429);
    expect(failure.message).toBe('This site proofread 10 pages this hour.');
    expect(failure.retryAfterS).toBe(1200);
  });

  it('takes a word off the site list by its own path segment', async () => {
    const fetch = stubFetch(answer(204));
    await removeSiteWord('demo', 'São Paulo/x', 't');
    expect(sent(fetch).url).toBe('/api/v1/sites/demo/words/S%C3%A3o%20Paulo%2Fx');
    expect(sent(fetch).init.method).toBe('DELETE');
  });
});

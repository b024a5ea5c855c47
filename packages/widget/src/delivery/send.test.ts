import type { ReportInput, ReportReceipt } from '@errata/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RETRY_AFTER_MS, retryAfterMs, SEND_TIMEOUT_MS, sendReport } from './send.ts';

const report: ReportInput = {
  site: 'demo-site',
  url: 'https://news.example.org/bridge',
  quote: { exact: 'Minks', prefix: 'The mayor of ', suffix: ' said no.' },
  position: { start: 13, end: 18 },
  clientId: 'Zx3-k9_QwErTyUiOp12345',
};
const receipt: ReportReceipt = { id: 'r1', erratum: { id: 'e1', reports: 1, status: 'open' } };

/** Makes fetch answer with a status, JSON body and headers (or fail like a dropped network) and records the calls. */
function answer(status: number | 'offline', body?: unknown, headers: Record<string, string> = {}) {
  const fetch = vi.fn(async (_url: string, _init: RequestInit) => {
    if (status === 'offline') throw new TypeError('Failed to fetch');
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers });
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('sendReport', () => {
  it('should POST the report as a cookieless CORS simple request that survives leaving the page', async () => {
    const fetch = answer(201, receipt);
    expect(await sendReport('https://errata.example.org', report)).toStrictEqual({ kind: 'sent', receipt });
    expect(fetch).toHaveBeenCalledWith('https://errata.example.org/api/v1/reports', {
      method: 'POST',
      // A string body and no Content-Type header: the browser sends text/plain;charset=UTF-8.
      body: JSON.stringify(report),
      keepalive: true,
      credentials: 'omit',
      signal: expect.any(AbortSignal),
    });
  });

  it('should count a 200 for a resent clientId as sent, with the first receipt', async () => {
    answer(200, receipt);
    expect(await sendReport('', report)).toStrictEqual({ kind: 'sent', receipt });
  });

  it("should give the server's sentence for a refused report", async () => {
    answer(400, {
      error: 'quote.exact is longer than 500 characters',
      fields: { 'quote.exact': 'too long' },
    });
    expect(await sendReport('', report)).toStrictEqual({
      kind: 'refused',
      status: 400,
      message: 'quote.exact is longer than 500 characters',
      challenge: undefined,
    });
  });

  it('should hand on the challenge of a site that asks for proof of work', async () => {
    const challenge = {
      algorithm: 'SHA-256',
      challenge: 'ab',
      salt: 'cd?expires=1&',
      signature: 'ef',
      maxnumber: 9,
    };
    answer(428, { error: 'This site asks for a proof of work with each report.', challenge });
    expect(await sendReport('', report)).toStrictEqual({
      kind: 'refused',
      status: 428,
      message: 'This site asks for a proof of work with each report.',
      challenge,
    });
  });

  it('should refuse without a message when a 403 or 413 has no readable body', async () => {
    answer(413);
    expect(await sendReport('', report)).toStrictEqual({
      kind: 'refused',
      status: 413,
      message: null,
      challenge: undefined,
    });
  });

  it("should keep a throttled report for later, after the server's Retry-After", async () => {
    answer(429, { error: 'Too many reports' }, { 'Retry-After': '42' });
    expect(await sendReport('', report)).toStrictEqual({ kind: 'later', status: 429, retryAfterMs: 42_000 });
  });

  it('should keep a report for later when the server fails', async () => {
    answer(500, { error: 'database is locked' });
    expect(await sendReport('', report)).toStrictEqual({ kind: 'later', status: 500 });
  });

  it('should wait as long as a busy server asks', async () => {
    answer(503, { error: 'Too busy' }, { 'Retry-After': '5' });
    expect(await sendReport('', report)).toStrictEqual({ kind: 'later', status: 503, retryAfterMs: 5000 });
  });

  it('should wait a minute after a 429 whose Retry-After it cannot read', async () => {
    answer(429, { error: 'Too many reports' });
    expect(await sendReport('', report)).toStrictEqual({
      kind: 'later',
      status: 429,
      retryAfterMs: DEFAULT_RETRY_AFTER_MS,
    });
  });

  it('should keep a report for later when the network fails', async () => {
    answer('offline');
    expect(await sendReport('', report)).toStrictEqual({ kind: 'later', status: 0 });
  });

  it('should give up waiting after the timeout and keep the report for later', async () => {
    vi.useFakeTimers();
    vi.stubGlobal(
      'fetch',
      vi.fn(
        (_url: string, init: RequestInit) =>
          new Promise((_resolve, reject) =>
            init.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
          ),
      ),
    );
    const sent = sendReport('', report);
    await vi.advanceTimersByTimeAsync(SEND_TIMEOUT_MS);
    expect(await sent).toStrictEqual({ kind: 'later', status: 0 });
  });
});

describe('retryAfterMs', () => {
  it('should read seconds', () => {
    expect(retryAfterMs('120')).toBe(120_000);
    expect(retryAfterMs(' 0 ')).toBe(0);
  });

  it('should wait a minute when the header is missing or unreadable', () => {
    expect(retryAfterMs(null)).toBe(DEFAULT_RETRY_AFTER_MS);
    expect(retryAfterMs('soon')).toBe(DEFAULT_RETRY_AFTER_MS);
  });
});

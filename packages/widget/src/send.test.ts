import type { ReportReceipt } from '@errata/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReportDraft } from './capture.ts';
import { completeReport, sendReport } from './send.ts';
import { strings } from './strings.ts';

const draft: ReportDraft = {
  site: 'demo-site',
  url: 'https://news.example.org/bridge',
  title: 'Bridge vote',
  lang: 'en',
  quote: { exact: 'Minks', prefix: 'The mayor of ', suffix: ' said no.' },
  position: { start: 13, end: 18 },
};
const receipt: ReportReceipt = { id: 'r1', erratum: { id: 'e1', reports: 1, status: 'open' } };

/** Makes fetch answer with a status and JSON body (or fail like a dropped network) and records the calls. */
function answer(status: number | 'offline', body?: unknown) {
  const fetch = vi.fn(async () => {
    if (status === 'offline') throw new TypeError('Failed to fetch');
    return new Response(body === undefined ? null : JSON.stringify(body), { status });
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('completeReport', () => {
  it('should leave out a correction the reader did not change, and an empty comment', () => {
    expect(completeReport(draft, ' Minks ', '  ')).toStrictEqual(draft);
  });

  it('should leave out an emptied correction', () => {
    expect(completeReport(draft, '', '')).not.toHaveProperty('suggestion');
  });

  it('should send a changed correction and a comment, trimmed', () => {
    const report = completeReport(draft, ' Minsk\n', ' Capital of Belarus. ');
    expect(report).toStrictEqual({ ...draft, suggestion: 'Minsk', comment: 'Capital of Belarus.' });
  });
});

describe('sendReport', () => {
  it('should POST the report as a cookieless CORS simple request that survives leaving the page', async () => {
    const fetch = answer(201, receipt);
    expect(await sendReport('https://errata.example.org', draft)).toStrictEqual({ receipt });
    expect(fetch).toHaveBeenCalledWith('https://errata.example.org/api/v1/reports', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify(draft),
      keepalive: true,
      credentials: 'omit',
    });
  });

  it("should give the server's sentence for a refused report", async () => {
    answer(400, {
      error: 'quote.exact is longer than 500 characters',
      fields: { 'quote.exact': 'too long' },
    });
    expect(await sendReport('', draft)).toStrictEqual({ error: 'quote.exact is longer than 500 characters' });
  });

  it('should ask to try again later when the server throttles', async () => {
    answer(429, { error: 'Too Many Requests' });
    expect(await sendReport('', draft)).toStrictEqual({ error: strings.tooMany });
  });

  it('should not show a server failure as if the reader did something wrong', async () => {
    answer(500, { error: 'database is locked' });
    expect(await sendReport('', draft)).toStrictEqual({ error: strings.failed });
  });

  it('should say the server could not be reached when the network fails', async () => {
    answer('offline');
    expect(await sendReport('', draft)).toStrictEqual({ error: strings.offline });
  });
});

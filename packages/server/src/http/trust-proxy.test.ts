/**
 * ERRATA_TRUST_PROXY: behind N proxies, the per-address limits count the address the nearest
 * proxy saw (X-Forwarded-For); with none trusted, the socket's address, whatever the header says.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { demoReport, openTestApp, type TestApp } from '../testing/test-app.ts';

/** Reports one address may send per minute in these tests: small, to reach the limit fast. */
const REPORTS_PER_MINUTE = 2;
/** The socket's address: the proxy's, when there is one. */
const PROXY = '10.0.0.2';

let t: TestApp | undefined;
afterEach(async () => t?.close());

function report(app: TestApp['app'], forwardedFor?: string) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/reports?wait=erratum',
    remoteAddress: PROXY,
    headers: { origin: 'http://localhost', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    payload: demoReport(),
  });
}

/** Each report's fate: taken (201, or 200 for one counted on an erratum already made), or the refusal's status. */
async function outcomes(app: TestApp['app'], forwardedFor: string[]): Promise<(number | 'taken')[]> {
  const answers: (number | 'taken')[] = [];
  for (const address of forwardedFor) {
    const { statusCode } = await report(app, address);
    answers.push(statusCode < 300 ? 'taken' : statusCode);
  }
  return answers;
}

describe('ERRATA_TRUST_PROXY', () => {
  it('should count each forwarded address on its own when one proxy is trusted', async () => {
    t = await openTestApp({ reportsPerMinute: REPORTS_PER_MINUTE, trustProxy: 1 });
    expect(await outcomes(t.app, ['198.51.100.1', '198.51.100.1', '198.51.100.1'])).toEqual([
      'taken',
      'taken',
      429,
    ]);
    // Another reader behind the same proxy has a budget of their own.
    expect(await outcomes(t.app, ['198.51.100.2'])).toEqual(['taken']);
  });

  it('should believe only the hops it trusts: an address the client wrote itself is not one', async () => {
    t = await openTestApp({ reportsPerMinute: REPORTS_PER_MINUTE, trustProxy: 1 });
    // The proxy appends the address it saw; what the client put before it is the client's say-so.
    expect(
      await outcomes(t.app, [
        '203.0.113.1, 198.51.100.9',
        '203.0.113.2, 198.51.100.9',
        '203.0.113.3, 198.51.100.9',
      ]),
    ).toEqual(['taken', 'taken', 429]);
  });

  it('should count the socket address, not X-Forwarded-For, when no proxy is trusted', async () => {
    t = await openTestApp({ reportsPerMinute: REPORTS_PER_MINUTE, trustProxy: 0 });
    expect(await outcomes(t.app, ['198.51.100.1', '198.51.100.2', '198.51.100.3'])).toEqual([
      'taken',
      'taken',
      429,
    ]);
  });

  it('should give each forwarded address its own sign-in failures on an account', async () => {
    t = await openTestApp({ trustProxy: 1 });
    const app = t.app;
    const signIn = (forwardedFor: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/session',
        remoteAddress: PROXY,
        headers: { 'x-forwarded-for': forwardedFor },
        payload: { email: 'ed@example.org', password: 'not the password' },
      });
    const answers: number[] = [];
    for (const address of ['198.51.100.1', '198.51.100.1', '198.51.100.1', '198.51.100.1', '198.51.100.2']) {
      answers.push((await signIn(address)).statusCode);
    }
    // Three free failures for the guessing address, then a wait; the reader beside it is not made to wait.
    expect(answers).toEqual([401, 401, 401, 429, 401]);
  });
});

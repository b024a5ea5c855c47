/**
 * Faults in front of the real server, for the answers it cannot be made to give on cue: a 503
 * (the real one comes only when its write queue is full under a flood), a 429 with a short
 * Retry-After (the real limit counts per minute, so it asks for up to a minute), and an answer
 * lost on the way back after the server stored the report (a dropped connection). Everything
 * else, and every report once the faults are used up, goes through to the server untouched.
 * It sits in the browser context's network layer, where every request of its pages to the
 * server passes in the order they were made, and notes what became of each report.
 */
import type { BrowserContext } from 'playwright-core';
import { HARNESS_HEADER } from './server-traffic.ts';

/** What the next report POST meets instead of the server's own answer. */
export type Fault =
  /** Answered in front of the server, which never sees the report. */
  | { status: 429 | 503; retryAfterSeconds?: number }
  /** The server gets and stores the report; the browser gets a reset connection instead of its answer. */
  | 'answer lost';

/** A body like the server's own with each status (the widget shows its own sentence for both). */
const BODIES = {
  429: { error: 'Too many reports from your address: try again in a moment.' },
  503: { error: 'Errata is taking in too many reports right now: try again in a moment.' },
};

/**
 * Makes the context's next report POSTs to the server at `serverUrl` meet `faults`, in order;
 * returns what became of each report POST: a status answered in front of the server,
 * 'answer lost', or 'server' for one passed through untouched.
 */
export async function faultReports(
  context: BrowserContext,
  serverUrl: string,
  faults: Fault[],
): Promise<readonly string[]> {
  // The answers carry the server's own CORS headers (those of its answer to a preflight of
  // the same URL), so the widget can read them exactly as much as it could read the server's.
  const preflight = await fetch(`${serverUrl}/api/v1/reports`, {
    method: 'OPTIONS',
    headers: { [HARNESS_HEADER]: 'faults' },
  });
  const cors = Object.fromEntries(
    [...preflight.headers].filter(([name]) =>
      ['access-control-allow-origin', 'access-control-expose-headers'].includes(name),
    ),
  );
  const outcomes: string[] = [];
  await context.route(`${serverUrl}/**`, async (route) => {
    const request = route.request();
    const isReport = request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/reports';
    const fault = isReport ? faults.shift() : undefined;
    if (isReport)
      outcomes.push(fault === undefined ? 'server' : typeof fault === 'string' ? fault : `${fault.status}`);
    if (fault === undefined) return route.continue();
    if (fault === 'answer lost') {
      await route.fetch();
      return route.abort('connectionreset');
    }
    return route.fulfill({
      status: fault.status,
      headers: {
        ...cors,
        ...(fault.retryAfterSeconds !== undefined && { 'retry-after': String(fault.retryAfterSeconds) }),
      },
      contentType: 'application/json',
      body: JSON.stringify(BODIES[fault.status]),
    });
  });
  return outcomes;
}

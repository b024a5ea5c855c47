/**
 * What the real Errata server received, as it arrived: every request the browser made to it,
 * with its headers and, once answered, the status. It listens beside the server on the same
 * socket and changes nothing; the test harness's own API calls say who they are and are left out.
 */
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { Page } from 'playwright-core';

/** Header the harness's own calls to the server carry, so that they are not counted as the page's. */
export const HARNESS_HEADER = 'x-errata-e2e-harness';
/** Path of the marker requests a page sends after the step a test waits on; a real route of the server. */
const MARKER_PATH = '/healthz';

/** One request as the server received it. */
export interface Arrival {
  method: string;
  /** Path and query, e.g. /widget.js. */
  path: string;
  headers: IncomingHttpHeaders;
  /** The status the server answered with; undefined while it has not answered. */
  status?: number;
}

export interface ServerTraffic {
  /** What arrived since the last `forget()`, markers left out, oldest first. */
  arrivals(): Arrival[];
  /** The arrivals as "GET /widget.js" lines. */
  requests(): string[];
  /** The report POSTs that arrived. */
  reportPosts(): Arrival[];
  /**
   * Sends a request from `page` to the server and waits until the server has answered it: a
   * later marker. The browser sends a page's requests in the order it makes them, so what the
   * widget sent before the marker arrived before it, and a test can then assert what did not come.
   */
  marker(page: Page): Promise<void>;
  /** Starts a new record (each test's). */
  forget(): void;
}

export function recordTraffic(server: Server, origin: string): ServerTraffic {
  let arrivals: Arrival[] = [];
  let markers = 0;
  server.on('request', (request, response) => {
    if (request.headers[HARNESS_HEADER] !== undefined) return;
    const arrival: Arrival = {
      method: request.method ?? '',
      path: request.url ?? '',
      headers: request.headers,
    };
    arrivals.push(arrival);
    response.once('finish', () => {
      arrival.status = response.statusCode;
    });
  });
  const traffic: ServerTraffic = {
    arrivals: () => arrivals.filter((arrival) => !arrival.path.startsWith(`${MARKER_PATH}?marker`)),
    requests: () => traffic.arrivals().map((arrival) => `${arrival.method} ${arrival.path}`),
    reportPosts: () =>
      traffic.arrivals().filter((arrival) => arrival.method === 'POST' && arrival.path === '/api/v1/reports'),
    async marker(page) {
      const url = `${origin}${MARKER_PATH}?marker=${++markers}`;
      // no-cors: the page need not read the answer, only have sent the request and had it answered.
      await page.evaluate((url) => fetch(url, { mode: 'no-cors', credentials: 'omit' }).then(() => {}), url);
    },
    forget() {
      arrivals = [];
    },
  };
  return traffic;
}

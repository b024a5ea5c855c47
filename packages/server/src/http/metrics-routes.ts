import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ServerMetrics } from '../base/metrics.ts';
import { ErrataError } from '../domain/errors.ts';
import { ApiErrorSchema } from './schemas.ts';

/** The route whose answers are counted as reports accepted and refused. */
const REPORTS_ROUTE = '/api/v1/reports';
/** The route label of a request no route matched (404): one value, whatever the URL. */
const UNMATCHED_ROUTE = 'unmatched';

/**
 * Counts every answer by method, route pattern (`/api/v1/errata/:id`, never the URL, so the
 * label values are as many as the routes) and status class, and the answers of
 * POST /api/v1/reports by outcome. Installed on the root instance so it sees every route.
 * Per request: one map lookup, a counter bump and a histogram observation.
 */
export function measureRequests(app: FastifyInstance, metrics: ServerMetrics): void {
  const series = new Map<string, { count: () => void; observe: (seconds: number) => void }>();
  // A callback hook, not an async one: no promise per request on the ingest's hot path.
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
    const statusClass = `${Math.floor(reply.statusCode / 100)}xx`;
    const key = `${request.method} ${route} ${statusClass}`;
    let measure = series.get(key);
    if (measure === undefined) {
      const labels = { method: request.method, route, status_class: statusClass };
      const counter = metrics.httpRequests.labels(labels);
      const histogram = metrics.httpDuration.labels(labels);
      measure = { count: () => counter.inc(), observe: (seconds) => histogram.observe(seconds) };
      series.set(key, measure);
    }
    measure.count();
    measure.observe(reply.elapsedTime / 1000);
    if (route === REPORTS_ROUTE && request.method === 'POST') metrics.countReport(reply.statusCode);
    done();
  });
}

/**
 * GET /metrics in the Prometheus text format. With a token (ERRATA_METRICS_TOKEN) it asks for
 * `Authorization: Bearer <token>`; without one it is open, and belongs on the monitoring
 * network only (block it at the proxy).
 */
export async function metricsRoutes(
  app: FastifyInstance,
  options: { metrics: ServerMetrics; token?: string | undefined },
): Promise<void> {
  const expected = options.token === undefined ? null : digest(options.token);
  app.get(
    '/metrics',
    {
      schema: {
        summary: 'Metrics for Prometheus',
        description:
          'The Prometheus text format (0.0.4): requests per route, reports accepted and refused, ' +
          'group commit, outbox, deliveries, recheck verdicts, live connections and the process. ' +
          'With ERRATA_METRICS_TOKEN set it needs `Authorization: Bearer <token>`.',
        tags: ['operations'],
        response: {
          200: {
            description: 'Metrics in the Prometheus text format.',
            content: { 'text/plain': { schema: Type.String() } },
          },
          401: ApiErrorSchema,
        },
      },
    },
    async (request, reply) => {
      if (expected !== null && !bearerMatches(request.headers.authorization, expected)) {
        reply.header('www-authenticate', 'Bearer realm="metrics"');
        throw new ErrataError(
          'unauthorized',
          'GET /metrics needs Authorization: Bearer <ERRATA_METRICS_TOKEN>.',
        );
      }
      const text = await options.metrics.exposition();
      return reply.type(options.metrics.contentType).send(text);
    },
  );
}

/** SHA-256 of a token: equal lengths for timingSafeEqual, whatever was sent. */
function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Whether the header is `Bearer <the token>`, compared in constant time. */
function bearerMatches(header: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return match !== null && timingSafeEqual(digest(match[1] as string), expected);
}

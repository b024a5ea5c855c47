import type { FastifyInstance } from 'fastify';

/**
 * The routes of the app's live OpenAPI document, as the tests that walk every route (the
 * isolation test, the route fuzz) see them: a new route is walked the day it is added.
 */
export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Routes anyone may call: a reader's report, a link's token, the sign-in itself. */
export const PUBLIC_ROUTES = new Set([
  'POST /api/v1/reports',
  'POST /api/v1/reports/status',
  'GET /api/v1/invitations/{token}',
  // A session or an e-mail and password: without either, 401 (pinned in sites-routes.test.ts).
  'POST /api/v1/invitations/{token}/accept',
  'GET /api/v1/setup',
  'POST /api/v1/setup',
  'POST /api/v1/session',
  // The unsubscribe link of an e-mail: its token is the credential.
  'GET /api/v1/email/unsubscribe',
  'POST /api/v1/email/unsubscribe',
]);
// /metrics: open unless ERRATA_METRICS_TOKEN is set (its gate is pinned in metrics-routes.test.ts).
const PUBLIC_PREFIXES = ['/healthz', '/readyz', '/metrics', '/c/', '/privacy/'];

/** Routes that stream and never finish answering a caller they let in. */
export const STREAMING_ROUTES = new Set(['GET /api/v1/events']);

/** The part of JSON Schema the route schemas use. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  minItems?: number;
  minProperties?: number;
}

export interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export interface Route {
  method: (typeof HTTP_METHODS)[number];
  path: string;
  operation: Operation;
  /** "METHOD /path", as the tables of the tests name routes. */
  key: string;
}

export function routesOf(app: FastifyInstance): Route[] {
  const doc = app.swagger() as { paths: Record<string, Record<string, Operation>> };
  const routes: Route[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (operation) routes.push({ method, path, operation, key: `${method.toUpperCase()} ${path}` });
    }
  }
  return routes;
}

export function isPublic(route: Route): boolean {
  return PUBLIC_ROUTES.has(route.key) || PUBLIC_PREFIXES.some((prefix) => route.path.startsWith(prefix));
}

/**
 * Cross-site isolation of every editor route. The routes come from the app's own OpenAPI
 * document, so a route another part of Errata adds later is tried too: each is called as a
 * member (and with an API token) of site A with site B's ids in its path, query and body, and
 * must answer 403 or 404 without a trace of B's data. A path parameter this test does not
 * know makes it fail with a request to teach it (PARAM_KINDS below).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isPublic,
  type JsonSchema,
  type Route,
  routesOf,
  STREAMING_ROUTES,
} from '../testing/openapi-routes.ts';
import { type PlantedSite, plantSite, type SiteData } from '../testing/planted-site.ts';
import { openTestApp, type TestApp } from '../testing/test-app.ts';

/** Who calls: a session (cookie + CSRF) or an API token. */
type Caller = { cookie: string; csrf: string } | { bearer: string };

/**
 * Which of a site's ids fills a path parameter: by name, or for a bare `{id}` by the path
 * segment before it ("errata/id"). Add a line here when you add a route with a new parameter.
 */
const PARAM_KINDS: Record<string, keyof Omit<SiteData, 'secrets'>> = {
  site: 'site',
  siteId: 'site',
  'errata/id': 'erratum',
  erratumId: 'erratum',
  reportId: 'report',
  userId: 'user',
  invitationId: 'invitation',
  'webhooks/id': 'webhook',
  'deliveries/id': 'delivery',
  word: 'word',
};

/** Routes anyone may call (readers, links, probes): not scoped by membership by design. */

/**
 * Routes about the caller's own account, with no site in their input: they are called too,
 * and must not show anything of site B. null = not called, with the reason.
 */
const OWN_ACCOUNT_ROUTES: Record<string, string | null> = {
  'GET /api/v1/session': 'the signed-in editor and their own sites',
  'DELETE /api/v1/session': null, // signs the caller out; holds no data
  'POST /api/v1/sites': 'creates a new site owned by the caller',
};

/** A few routes the walk must reach, so a broken walk cannot pass by trying nothing. */
const SURELY_TRIED = [
  'GET /api/v1/errata',
  'PATCH /api/v1/errata/{id}',
  'GET /api/v1/events',
  'PATCH /api/v1/sites/{site}',
  'DELETE /api/v1/sites/{site}/members/{userId}',
  'DELETE /api/v1/sites/{site}/invitations/{invitationId}',
];

class TeachMe extends Error {}

function idFor(route: Route, param: string, data: SiteData): string {
  const segments = route.path.split('/');
  const at = segments.indexOf(`{${param}}`);
  const key = param === 'id' ? `${segments[at - 1]}/id` : param;
  const kind = PARAM_KINDS[key];
  if (!kind) {
    throw new TeachMe(
      `${route.key}: the isolation test does not know the path parameter {${param}}. Teach it in ` +
        `packages/server/src/http/isolation.test.ts: add "${key}" to PARAM_KINDS (and plant that kind of id for each site).`,
    );
  }
  return data[kind];
}

/** Values for body and query fields that name a site or its things. */
function hintFor(name: string, data: SiteData): unknown {
  switch (name) {
    case 'site':
    case 'siteId':
      return data.site;
    case 'ids':
    case 'errata':
      return [data.erratum];
    case 'erratumId':
      return data.erratum;
    case 'userId':
    case 'assigneeId':
      return data.user;
    default:
      return undefined;
  }
}

const STRING_CANDIDATES = [
  'x',
  'isolation',
  'abcdefghij',
  'a'.repeat(32),
  'https://example.org/isolation',
  '0',
];

/** A value the schema accepts, made from the site's ids where a field names them. */
function sampleOf(schema: JsonSchema, name: string, data: SiteData, where: string): unknown {
  const hinted = hintFor(name, data);
  if (hinted !== undefined) return hinted;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) {
    const usable = variants.find((v) => v.type !== 'null') ?? variants[0];
    return usable ? sampleOf(usable, name, data, where) : null;
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const names = [...(schema.required ?? [])];
      // At least one field even where the schema allows none: an empty change is refused before any scoping.
      const least = Math.max(schema.minProperties ?? 0, 1);
      for (const optional of Object.keys(properties)) {
        if (names.length >= least) break;
        if (!names.includes(optional)) names.push(optional);
      }
      return Object.fromEntries(
        names.map((field) => [field, sampleOf(properties[field] ?? {}, field, data, `${where}.${field}`)]),
      );
    }
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () =>
        sampleOf(schema.items ?? {}, name, data, `${where}[]`),
      );
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default: {
      if (schema.format === 'email' || /email/i.test(name)) return 'someone@example.org';
      if (schema.format === 'uri' || /url/i.test(name)) return 'https://example.org/isolation';
      const fits = STRING_CANDIDATES.find(
        (candidate) =>
          candidate.length >= (schema.minLength ?? 0) &&
          candidate.length <= (schema.maxLength ?? Number.POSITIVE_INFINITY) &&
          (!schema.pattern || new RegExp(schema.pattern, 'u').test(candidate)),
      );
      if (fits === undefined) {
        throw new TeachMe(
          `${where}: the isolation test cannot make a string matching ${JSON.stringify(schema)}.`,
        );
      }
      return fits;
    }
  }
}

/** The request a route gets when aimed at `data`'s site: ids in the path, query and body. */
function requestFor(route: Route, data: SiteData): { url: string; payload?: unknown } {
  let url = route.path.replace(/\{([^}]+)\}/g, (_, param: string) =>
    encodeURIComponent(idFor(route, param, data)),
  );
  const query = new URLSearchParams();
  for (const parameter of route.operation.parameters ?? []) {
    if (parameter.in !== 'query') continue;
    const hinted = hintFor(parameter.name, data);
    if (hinted !== undefined) query.set(parameter.name, String(hinted));
    else if (parameter.required) {
      query.set(
        parameter.name,
        String(sampleOf(parameter.schema ?? {}, parameter.name, data, `${route.key} ?${parameter.name}`)),
      );
    }
  }
  if (query.size > 0) url += `?${query}`;
  const bodySchema = route.operation.requestBody?.content?.['application/json']?.schema;
  return bodySchema ? { url, payload: sampleOf(bodySchema, '', data, `${route.key} body`) } : { url };
}

/** Whether the route takes anything naming a site (path, query or body). */
function namesASite(route: Route, request: { url: string; payload?: unknown }, data: SiteData): boolean {
  return (
    route.path.includes('{') ||
    request.url.includes(data.site) ||
    JSON.stringify(request.payload ?? {}).includes(data.site)
  );
}

function headersOf(caller: Caller): Record<string, string> {
  return 'bearer' in caller
    ? { authorization: `Bearer ${caller.bearer}` }
    : { cookie: caller.cookie, 'x-csrf-token': caller.csrf };
}

/**
 * Calls every editor route as `caller` (a member of `own`) aimed at `other`'s site; answers
 * one line per route that let something through, and the routes it tried.
 */
async function findLeaks(
  app: FastifyInstance,
  caller: Caller,
  own: SiteData,
  other: SiteData,
): Promise<{ failures: string[]; tried: string[] }> {
  const failures: string[] = [];
  const tried: string[] = [];
  for (const route of routesOf(app)) {
    if (isPublic(route)) continue;
    try {
      const request = requestFor(route, other);
      const headers = headersOf(caller);
      if (!namesASite(route, request, other)) {
        if (!(route.key in OWN_ACCOUNT_ROUTES)) {
          failures.push(
            `${route.key} names no site: if it is about the caller's own account, add it to OWN_ACCOUNT_ROUTES in isolation.test.ts; otherwise teach the test how it is scoped.`,
          );
          continue;
        }
        if (OWN_ACCOUNT_ROUTES[route.key] === null) continue;
      }
      const response = await app.inject({
        method: route.method.toUpperCase() as 'GET',
        url: request.url,
        headers,
        ...(request.payload !== undefined ? { payload: request.payload as object } : {}),
      });
      tried.push(route.key);
      const asked = request.url + JSON.stringify(request.payload ?? null);
      const leaked = other.secrets.filter(
        (secret) => !asked.includes(secret) && response.body.includes(secret),
      );
      if (leaked.length > 0)
        failures.push(`${route.key} answered ${response.statusCode} with ${leaked.join(', ')}`);
      if (namesASite(route, request, other) && response.statusCode !== 403 && response.statusCode !== 404) {
        failures.push(
          `${route.key} → ${request.url} answered ${response.statusCode}, not 403/404: ${response.body.slice(0, 200)}`,
        );
      }
      if (route.method === 'get' && namesASite(route, request, other) && !STREAMING_ROUTES.has(route.key)) {
        // The same request for the caller's own site works: the refusal above came from scoping, not from a bad request.
        const mine = requestFor(route, own);
        const control = await app.inject({ method: 'GET', url: mine.url, headers });
        if (control.statusCode !== 200 && control.statusCode !== 403) {
          failures.push(
            `${route.key} → ${mine.url} answered ${control.statusCode} for the caller's own site, so the test proves nothing: ${control.body.slice(0, 200)}`,
          );
        }
      }
    } catch (error) {
      if (!(error instanceof TeachMe)) throw error;
      failures.push(error.message);
    }
  }
  return { failures, tried };
}

describe('cross-site isolation of every editor route', () => {
  let t: TestApp;
  let alpha: PlantedSite;
  let bravo: PlantedSite;

  beforeAll(async () => {
    t = await openTestApp();
    alpha = await plantSite(t, 'alpha', 'Alpha');
    bravo = await plantSite(t, 'bravo', 'Bravo');
    await t.app.ready();
  });
  afterAll(async () => t?.close());

  it('should find the editor routes in the OpenAPI document', () => {
    const keys = routesOf(t.app).map((route) => route.key);
    expect(keys).toEqual(expect.arrayContaining(['GET /api/v1/errata/{id}', 'PATCH /api/v1/sites/{site}']));
  });

  it("should give a signed-in owner of site A nothing of site B's, on any route", async () => {
    const { failures, tried } = await findLeaks(t.app, alpha.owner, alpha.data, bravo.data);
    expect(failures).toEqual([]);
    expect(tried).toEqual(expect.arrayContaining(SURELY_TRIED));
  });

  it("should give site A's API token nothing of site B's, on any route", async () => {
    const { failures, tried } = await findLeaks(t.app, { bearer: alpha.token }, alpha.data, bravo.data);
    expect(failures).toEqual([]);
    expect(tried).toEqual(expect.arrayContaining(SURELY_TRIED));
  });

  it("should still hold all of site B's data afterwards", async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/errata/${bravo.data.erratum}`,
      headers: { authorization: `Bearer ${bravo.token}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().status).toBe('open');
    const members = await t.app.inject({
      method: 'GET',
      url: '/api/v1/sites/bravo/members',
      headers: { cookie: bravo.owner.cookie },
    });
    expect(members.json().members).toEqual([
      { userId: bravo.data.user, email: 'bravo-owner@example.org', role: 'owner' },
    ]);
  });
});

describe('the isolation check itself', () => {
  it('should report a route that forgets to check membership', async () => {
    const t = await openTestApp();
    try {
      t.app.get(
        '/api/v1/sites/:site/careless',
        { schema: { summary: 'Leaks', tags: ['test'] } },
        async (request) => {
          const { site } = request.params as { site: string };
          return t.store.db.selectFrom('sites').select(['name']).where('id', '=', site).executeTakeFirst();
        },
      );
      t.app.get(
        '/api/v1/widgets/:widgetId',
        { schema: { summary: 'New kind of id', tags: ['test'] } },
        async () => ({}),
      );
      const alpha = await plantSite(t, 'alpha', 'Alpha');
      const bravo = await plantSite(t, 'bravo', 'Bravo');
      const { failures } = await findLeaks(t.app, alpha.owner, alpha.data, bravo.data);
      expect(failures).toEqual(
        expect.arrayContaining([
          expect.stringContaining('GET /api/v1/sites/{site}/careless answered 200 with Bravo Gazette'),
          expect.stringContaining('does not know the path parameter {widgetId}'),
        ]),
      );
    } finally {
      await t.close();
    }
  });
});

/**
 * Hostile requests to every route of the app's own OpenAPI document, with every kind of
 * credential: no route may answer 5xx, and a request without the credential a route needs is
 * answered 401 (403 for a write without the session's CSRF token or with too low a role).
 * The requests come from fast-check with a fixed seed, so a failure is reproducible;
 * ERRATA_FUZZ_SEED=<n> explores another run. The counts are printed.
 */
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../domain/api-tokens.ts';
import { upsertMember } from '../store/users-store.ts';
import {
  CONTENT_TYPES,
  encodePathSegment,
  nastyNumber,
  nastyString,
  nastyValue,
  RAW_BODIES,
  withPollutionKey,
} from '../testing/hostile-inputs.ts';
import {
  isPublic,
  type JsonSchema,
  type Route,
  routesOf,
  STREAMING_ROUTES,
} from '../testing/openapi-routes.ts';
import { type PlantedSite, plantSite } from '../testing/planted-site.ts';
import { demoReport, openTestApp, signedInEditor, type TestApp } from '../testing/test-app.ts';
import { testDatabaseKind } from '../testing/test-database.ts';

/** Fixed, so that CI's run is the same each time; ERRATA_FUZZ_SEED explores others. */
const SEED = Number(process.env.ERRATA_FUZZ_SEED ?? 20_261_204);
/** Requests per route and credential: 48 × 10 credentials × 43 routes ≈ 20,600 (≈12 s on SQLite, ≈25 s on PostgreSQL here). */
const REQUESTS_PER_PAIR = Number(process.env.ERRATA_FUZZ_PER_PAIR ?? 48);

const SAFE_METHODS = new Set(['get']);

/** Routes anyone may call (readers, links, probes): no credential needed. */

/**
 * The least a caller needs on the route's site: a role (an API token acts as an editor of its
 * site), or `person` for a signed-in person on no site in particular (an API token is refused).
 * A route missing here fails the test with a request to add it.
 */
type Needs = 'viewer' | 'editor' | 'owner' | 'person';
const NEEDS: Record<string, Needs> = {
  'GET /api/v1/session': 'person',
  'DELETE /api/v1/session': 'person',
  'POST /api/v1/sites': 'person',
  'GET /api/v1/errata': 'viewer',
  'GET /api/v1/errata/{id}': 'viewer',
  'PATCH /api/v1/errata/{id}': 'editor',
  'GET /api/v1/errata/{id}/detail': 'viewer',
  'POST /api/v1/errata/{id}/notes': 'editor',
  'POST /api/v1/errata/bulk': 'editor',
  'GET /api/v1/events': 'viewer',
  'GET /api/v1/export': 'viewer',
  'GET /api/v1/sites/{site}': 'viewer',
  'PATCH /api/v1/sites/{site}': 'owner',
  'GET /api/v1/sites/{site}/members': 'viewer',
  'PATCH /api/v1/sites/{site}/members/{userId}': 'owner',
  'DELETE /api/v1/sites/{site}/members/{userId}': 'owner',
  'POST /api/v1/sites/{site}/invitations': 'owner',
  'GET /api/v1/sites/{site}/invitations': 'owner',
  'DELETE /api/v1/sites/{site}/invitations/{invitationId}': 'owner',
  'GET /api/v1/sites/{site}/email-preferences': 'viewer',
  'PUT /api/v1/sites/{site}/email-preferences': 'viewer',
  'GET /api/v1/sites/{site}/webhooks': 'owner',
  'POST /api/v1/sites/{site}/webhooks': 'owner',
  'PATCH /api/v1/sites/{site}/webhooks/{id}': 'owner',
  'DELETE /api/v1/sites/{site}/webhooks/{id}': 'owner',
  'POST /api/v1/sites/{site}/webhooks/{id}/test': 'owner',
  'GET /api/v1/sites/{site}/deliveries': 'viewer',
  'POST /api/v1/sites/{site}/deliveries/{id}/retry': 'owner',
  'POST /api/v1/sites/{site}/reader-data/export': 'owner',
  'POST /api/v1/sites/{site}/reader-data/erase': 'owner',
  'POST /api/v1/sites/{site}/proofread': 'editor',
  'GET /api/v1/sites/{site}/words': 'viewer',
  'POST /api/v1/sites/{site}/words': 'editor',
  'DELETE /api/v1/sites/{site}/words/{word}': 'editor',
  'POST /api/v1/pages/recheck': 'editor',
  'PUT /api/v1/errata/{id}/public-note': 'editor',
};
const ROLE_RANK = { viewer: 1, editor: 2, owner: 3 } as const;

/** Routes the fuzz's requests never pass: their credential is a secret token it cannot make. */
const NOT_LET_IN: Record<string, string> = {
  'POST /api/v1/setup': "the setup link's token, printed once at start",
  'GET /api/v1/invitations/{token}': "an invitation link's token",
  'POST /api/v1/invitations/{token}/accept': "an invitation link's token",
  'GET /api/v1/email/unsubscribe': "an e-mail's signed unsubscribe token",
  'POST /api/v1/email/unsubscribe': "an e-mail's signed unsubscribe token",
  // Given only loopback addresses, which the address policy refuses, so that nothing leaves the machine.
  'POST /api/v1/sites/{site}/webhooks': 'a public address',
  'PATCH /api/v1/sites/{site}/webhooks/{id}': 'a public address',
  'POST /api/v1/sites/{site}/webhooks/{id}/test': 'a public address',
  // The planted sites' origins do not resolve: no page of theirs can be read and proofread.
  'POST /api/v1/sites/{site}/proofread': 'a readable page of the site',
};

/** Runs last: it signs its caller out, and the sessions are shared by all routes. */
const SIGN_OUT = 'DELETE /api/v1/session';

/** Every route, signing out last: it ends the session the later routes are called with. */
function routesInOrder(app: FastifyInstance): Route[] {
  return routesOf(app).sort((a, b) => Number(a.key === SIGN_OUT) - Number(b.key === SIGN_OUT));
}

/** Who calls, and what the fuzz expects of a route that needs a credential. */
interface Credential {
  name: string;
  headers: () => Record<string, string>;
  /** Not a credential at all: every non-public route must answer 401. */
  lacking?: true;
  /** A session without the CSRF token: every write answers 403. */
  noCsrf?: true;
  /** Signed in with this role on site alpha ('token': alpha's API token). */
  role?: 'viewer' | 'editor' | 'owner' | 'token';
  /** A member of another site only. */
  outsider?: true;
}

/** The status a valid-shaped request aimed at site alpha must get, or null when it may be let in. */
function refusalFor(route: Route, credential: Credential): number[] | null {
  if (isPublic(route)) return null;
  if (credential.lacking) return [401];
  if (credential.noCsrf) return SAFE_METHODS.has(route.method) ? null : [403];
  const needs = NEEDS[route.key];
  if (!needs) return null;
  if (needs === 'person') return credential.role === 'token' ? [401, 403] : null;
  if (credential.outsider) return [403, 404];
  if (credential.role === 'token') return ROLE_RANK.editor < ROLE_RANK[needs] ? [403] : null;
  if (credential.role && ROLE_RANK[credential.role] < ROLE_RANK[needs]) return [403];
  return null;
}

/** The ids of site alpha (planted), for parameters and fields that name a site's things. */
type Ids = Record<string, string>;

function idsOf(alpha: PlantedSite, spare: string): Ids {
  const d = alpha.data;
  return {
    // The member the member routes change and remove: not one of the callers.
    userId: spare,
    site: d.site,
    siteId: d.site,
    'errata/id': d.erratum,
    erratumId: d.erratum,
    reportId: d.report,
    assigneeId: d.user,
    invitationId: d.invitation,
    'webhooks/id': d.webhook,
    'deliveries/id': d.delivery,
    url: 'https://alpha.example.org/story.html',
    // The key alpha's pages embed (planted-site.ts), which its privacy page is found by.
    publicKey: 'alphapublickey',
  };
}

/**
 * Routes that fetch the URL they are given, or save it to be called: given a loopback address,
 * which the address policy refuses at once, so the fuzz never reaches the network.
 */
const OFFLINE_URL = 'http://127.0.0.1:9/fuzz';
const FETCHING_ROUTES = new Set([
  'POST /api/v1/pages/recheck',
  'POST /api/v1/sites/{site}/webhooks',
  'PATCH /api/v1/sites/{site}/webhooks/{id}',
]);

function idsFor(route: Route, ids: Ids): Ids {
  return FETCHING_ROUTES.has(route.key) ? { ...ids, url: OFFLINE_URL } : ids;
}

/** Values by field name where the schema's type alone makes one that is refused, so the handler is reached. */
const HINTS: Record<string, unknown> = {
  allowedOrigins: ['https://alpha.example.org'],
  lang: 'en',
  defaultLang: 'en',
  password: 'correct horse battery',
  email: 'alpha-owner@example.org',
  rootSelector: null,
  cmsLinkTemplate: null,
  clientId: undefined,
};

/** Bodies that a schema walk cannot make valid: what the widget sends. */
const VALID_BODIES: Record<string, (ids: Ids) => unknown> = {
  'POST /api/v1/reports': () =>
    demoReport({
      site: 'alphapublickey',
      url: 'https://alpha.example.org/story.html',
      quote: { exact: 'Alphaquote', prefix: 'Alphabefore ', suffix: ' Alphaafter' },
    }),
  'POST /api/v1/reports/status': (ids) => ({ site: 'alphapublickey', ids: [ids.reportId] }),
  'POST /api/v1/sites': () => ({ id: 'fuzz', name: 'Fuzz', allowedOrigins: ['https://fuzz.example.org'] }),
};

/** Headers a route needs besides the credential: the widget's Origin for the reader routes. */
const ROUTE_HEADERS: Record<string, Record<string, string>> = {
  'POST /api/v1/reports': { origin: 'https://alpha.example.org' },
  'POST /api/v1/reports/status': { origin: 'https://alpha.example.org' },
};

/** A value the schema accepts, where one is easy to make (the fuzz then spoils it). */
function validOf(schema: JsonSchema, name: string, ids: Ids): unknown {
  if (name !== 'url' && ids[name] !== undefined) return ids[name];
  if (name === 'ids' || name === 'errata') return [ids.erratumId];
  const hinted = HINTS[name];
  if (hinted !== undefined) return hinted;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) {
    const usable = variants.find((v) => v.type !== 'null') ?? variants[0];
    return usable ? validOf(usable, name, ids) : null;
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {})
          .filter(([field]) => !(field in HINTS && HINTS[field] === undefined))
          .map(([field, s]) => [field, validOf(s, field, ids)]),
      );
    case 'array':
      return [validOf(schema.items ?? {}, name, ids)];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      if (schema.format === 'email' || /email/i.test(name)) return 'fuzz@example.org';
      if (schema.format === 'uri' || /url/i.test(name)) return ids.url;
      return 'fuzz';
  }
}

/** A path parameter: alpha's id mostly (to reach the handlers), anything otherwise. */
function pathParam(route: Route, param: string, ids: Ids): fc.Arbitrary<string> {
  const segments = route.path.split('/');
  const at = segments.indexOf(`{${param}}`);
  const known = ids[param === 'id' ? `${segments[at - 1]}/id` : param];
  const hostile = fc.oneof(
    nastyString.filter((s) => s.length > 0).map(encodePathSegment),
    fc.constantFrom('%', '%zz', '%E0%A4%A', '..', '%2F..%2F', 'a%00b', '%C0%AE'),
  );
  return known
    ? fc.oneof({ weight: 3, arbitrary: fc.constant(known) }, { weight: 2, arbitrary: hostile })
    : hostile;
}

/** One query parameter's value: left out, valid, or hostile; sometimes given twice. */
function queryValues(name: string, schema: JsonSchema, ids: Ids): fc.Arbitrary<string[]> {
  const valid = String(validOf(schema, name, ids));
  return fc.oneof(
    fc.constant<string[]>([]),
    fc.constant<string[]>([valid]),
    nastyString.map((s) => [s]),
    nastyNumber.map((n) => [String(n)]),
    fc.tuple(nastyString, fc.constant(valid)).map(([a, b]) => [a, b]),
  );
}

interface FuzzRequest {
  url: string;
  payload?: string;
  contentType?: string | null;
}

/** Requests for the route: its path, query and body, spoiled in every way the arbitraries know. */
function requestsOf(route: Route, ids: Ids): fc.Arbitrary<FuzzRequest> {
  const params = route.operation.parameters ?? [];
  const pathArbs = Object.fromEntries(
    params.filter((p) => p.in === 'path').map((p) => [p.name, pathParam(route, p.name, ids)]),
  );
  const queryArbs = params
    .filter((p) => p.in === 'query')
    .map((p) => queryValues(p.name, p.schema ?? {}, ids).map((values) => values.map((v) => [p.name, v])));
  const extraQuery = fc.oneof(
    { weight: 4, arbitrary: fc.constant<string[][]>([]) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        [['__proto__[polluted]', '1']],
        [['constructor[prototype][polluted]', '1']],
        [
          ['site', ids.site ?? 'x'],
          ['site', 'bravo'],
        ],
        [['unknown', 'x'.repeat(5_000)]],
      ),
    },
  );
  const bodySchema = route.operation.requestBody?.content?.['application/json']?.schema;
  const made = VALID_BODIES[route.key]?.(ids) ?? (bodySchema ? validOf(bodySchema, '', ids) : undefined);
  const valid = made as Record<string, unknown> | undefined;
  const fields = valid && typeof valid === 'object' ? Object.keys(valid) : [];
  const body: fc.Arbitrary<{ payload?: string; contentType?: string | null }> = bodySchema
    ? fc.oneof(
        { weight: 2, arbitrary: fc.constant({ payload: JSON.stringify(valid) }) },
        {
          weight: 4,
          arbitrary: fc
            .tuple(fields.length > 0 ? fc.constantFrom(...fields) : fc.constant('x'), nastyValue)
            .map(([field, value]) => ({ payload: JSON.stringify({ ...valid, [field]: value }) })),
        },
        {
          weight: 1,
          arbitrary: fc
            .tuple(fc.constantFrom('__proto__', 'constructor', 'prototype'), nastyValue)
            .map(([key, value]) => ({ payload: withPollutionKey(valid ?? {}, key, value) })),
        },
        { weight: 1, arbitrary: nastyValue.map((value) => ({ payload: JSON.stringify(value) ?? 'null' })) },
        {
          weight: 1,
          arbitrary: fc
            .tuple(fc.constantFrom(...RAW_BODIES), fc.constantFrom(...CONTENT_TYPES))
            .map(([payload, contentType]) => ({ payload, contentType })),
        },
        {
          weight: 1,
          arbitrary: fc
            .constantFrom(...CONTENT_TYPES)
            .map((contentType) => ({ payload: JSON.stringify(valid), contentType })),
        },
      )
    : fc.oneof(
        { weight: 4, arbitrary: fc.constant({}) },
        {
          weight: 1,
          arbitrary: fc
            .tuple(fc.constantFrom(...RAW_BODIES), fc.constantFrom(...CONTENT_TYPES))
            .map(([payload, contentType]) => ({ payload, contentType })),
        },
      );
  // A host of its own for each request: the recheck waits its turn per host (politeness), which would be most of the run.
  const host = fc.tuple(fc.integer({ min: 1, max: 254 }), fc.integer({ min: 1, max: 254 }));
  // Mostly every parameter valid or left out, so that one spoiled value reaches the handler.
  const cleanQuery = params
    .filter((p) => p.in === 'query' && (p.required || ids[p.name] !== undefined))
    .map((p) => [[p.name, String(validOf(p.schema ?? {}, p.name, ids))]]);
  const query = fc.oneof(
    { weight: 1, arbitrary: fc.tuple(...queryArbs, extraQuery) },
    { weight: 1, arbitrary: fc.constant(cleanQuery) },
  );
  return fc
    .record({ path: fc.record(pathArbs), query, body, host })
    .map(({ path, query, body: b, host: [x, y] }) => {
      if (b.payload?.includes(OFFLINE_URL)) {
        b = { ...b, payload: b.payload.replaceAll(OFFLINE_URL, `http://127.${x}.${y}.1:9/fuzz`) };
      }
      let url = route.path.replace(/\{([^}]+)\}/g, (_, name: string) => path[name] ?? 'x');
      const search = new URLSearchParams(query.flat() as [string, string][]);
      if (search.size > 0) url += `?${search}`;
      return { url, ...b };
    });
}

/** The request fast-check made, as app.inject takes it. */
function injectOptions(route: Route, request: FuzzRequest, credential: Credential): InjectOptions {
  const headers: Record<string, string> = { ...ROUTE_HEADERS[route.key], ...credential.headers() };
  if (request.payload !== undefined) {
    const type = request.contentType === undefined ? 'application/json' : request.contentType;
    if (type !== null) headers['content-type'] = type;
  }
  return {
    method: route.method.toUpperCase() as 'GET',
    url: request.url,
    headers,
    ...(request.payload !== undefined ? { payload: request.payload } : {}),
    // Many addresses: the per-address limits would otherwise answer most sign-ins 429 before the handler.
    remoteAddress: `10.${(request.url.length * 7) % 250}.${(request.payload?.length ?? 0) % 250}.1`,
  };
}

/** Sends one request; a stream that lets the caller in is read up to its status and closed. */
async function send(app: FastifyInstance, route: Route, options: InjectOptions) {
  if (!STREAMING_ROUTES.has(route.key)) {
    const response = await app.inject(options);
    return { status: response.statusCode, body: response.body };
  }
  const response = await app.inject({ ...options, payloadAsStream: true });
  const stream = response.stream();
  if (response.statusCode === 200) {
    stream.destroy();
    return { status: 200, body: '' };
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return { status: response.statusCode, body: Buffer.concat(chunks).toString() };
}

/**
 * Whether the request was routed at all: a malformed URL (a bad %-escape, a segment too long
 * for the router) is refused before routing, and ".." moves the request to another path.
 */
function reachedRoute(status: number, body: string): boolean {
  if (status === 414 || (status === 400 && body.includes('%-escape'))) return false;
  return !(status === 404 && body.startsWith('{"error":"Nothing at '));
}

function excerpt(text: string | undefined, length = 160): string {
  if (text === undefined) return '(no body)';
  const shown = JSON.stringify(text.slice(0, length));
  return text.length > length ? `${shown}… (${text.length} chars)` : shown;
}

describe('every route under hostile requests and every kind of credential', () => {
  let t: TestApp;
  let alpha: PlantedSite;
  let credentials: Credential[];
  let ids: Ids;
  /** Gives the callers back their roles on alpha, which the owner's fuzzed requests change. */
  let restoreRoles: () => Promise<void>;

  beforeAll(async () => {
    t = await openTestApp();
    alpha = await plantSite(t, 'alpha', 'Alpha');
    const bravo = await plantSite(t, 'bravo', 'Bravo');
    const editor = await signedInEditor(t.app, t.store, {
      email: 'alpha-editor@example.org',
      role: 'editor',
      sites: ['alpha'],
    });
    const viewer = await signedInEditor(t.app, t.store, {
      email: 'alpha-viewer@example.org',
      role: 'viewer',
      sites: ['alpha'],
    });
    const lapsed = await signedInEditor(t.app, t.store, {
      email: 'alpha-lapsed@example.org',
      role: 'owner',
      sites: ['alpha'],
    });
    await t.store.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('user_id', '=', lapsed.userId)
      .execute();
    // A token of a site that no longer has it: deleted rows are as good as never made.
    const gone = await createApiToken(t.store, 'alpha', 'revoked script');
    await t.store.db.deleteFrom('api_tokens').where('name', '=', 'revoked script').execute();
    const session = (s: { cookie: string; csrf: string }) => () => ({
      cookie: s.cookie,
      'x-csrf-token': s.csrf,
    });
    const garbage = fc.sample(
      fc.oneof(
        fc.string({ maxLength: 60 }).map((s) => `Bearer errata_${s}`),
        fc.constantFrom('Bearer', 'Bearer ', 'Basic YWxpY2U6c2VjcmV0', 'bearer  errata_', `Bearer ${gone}`),
        fc.string({ maxLength: 30 }),
      ),
      { seed: SEED, numRuns: 64 },
    );
    let garbageAt = 0;
    credentials = [
      { name: 'no credential', headers: () => ({}), lacking: true },
      {
        name: 'a garbage, revoked or malformed bearer token',
        headers: () => ({ authorization: garbage[garbageAt++ % garbage.length] ?? 'Bearer x' }),
        lacking: true,
      },
      {
        name: 'a forged session cookie',
        headers: () => ({ cookie: `errata_session=forged${garbageAt++}`, 'x-csrf-token': 'forged' }),
        lacking: true,
      },
      { name: 'an expired session', headers: session(lapsed), lacking: true },
      {
        name: "alpha owner's session without the CSRF token",
        headers: () => ({ cookie: alpha.owner.cookie }),
        noCsrf: true,
      },
      { name: "site alpha's viewer", headers: session(viewer), role: 'viewer' },
      { name: "site alpha's editor", headers: session(editor), role: 'editor' },
      {
        name: "site alpha's API token",
        headers: () => ({ authorization: `Bearer ${alpha.token}` }),
        role: 'token',
      },
      { name: "site bravo's owner", headers: session(bravo.owner), outsider: true },
      { name: "site alpha's owner", headers: session(alpha.owner), role: 'owner' },
    ];
    const spare = await signedInEditor(t.app, t.store, {
      email: 'alpha-spare@example.org',
      role: 'editor',
      sites: ['alpha'],
    });
    ids = idsOf(alpha, spare.userId);
    const roles: [string, 'viewer' | 'editor' | 'owner'][] = [
      [alpha.owner.userId, 'owner'],
      [editor.userId, 'editor'],
      [viewer.userId, 'viewer'],
      [spare.userId, 'editor'],
    ];
    restoreRoles = async () => {
      const now = new Date().toISOString();
      for (const [userId, role] of roles) await upsertMember(t.store.db, 'alpha', userId, role, now);
    };
    // Its test message would otherwise go out to the planted public address.
    await t.store.db
      .updateTable('webhooks')
      .set({ url: `${OFFLINE_URL}/hook` })
      .where('id', '=', alpha.data.webhook)
      .execute();
    await t.app.ready();
  }, 60_000);
  afterAll(async () => t?.close());

  it('should know what every route needs', () => {
    const unknown = routesInOrder(t.app).filter((route) => !isPublic(route) && !(route.key in NEEDS));
    expect(
      unknown.map(
        (route) =>
          `${route.key}: add what it needs to NEEDS in route-fuzz.test.ts (or to PUBLIC_ROUTES in testing/openapi-routes.ts)`,
      ),
    ).toEqual([]);
  });

  it('should refuse a valid request from a caller lacking the credential or role it needs', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const route of routesInOrder(t.app)) {
      if (route.key === SIGN_OUT) continue; // tried last, below: it ends the session
      const valid: FuzzRequest = {
        url: route.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
          const segments = route.path.split('/');
          const at = segments.indexOf(`{${name}}`);
          return ids[name === 'id' ? `${segments[at - 1]}/id` : name] ?? 'x';
        }),
      };
      const query = new URLSearchParams();
      for (const p of route.operation.parameters ?? []) {
        if (p.in === 'query' && (p.required || p.name === 'site')) {
          query.set(p.name, String(validOf(p.schema ?? {}, p.name, ids)));
        }
      }
      if (query.size > 0) valid.url += `?${query}`;
      const bodySchema = route.operation.requestBody?.content?.['application/json']?.schema;
      const made = VALID_BODIES[route.key]?.(ids) ?? (bodySchema ? validOf(bodySchema, '', ids) : undefined);
      if (made !== undefined) valid.payload = JSON.stringify(made);
      for (const credential of credentials) {
        const expected = refusalFor(route, credential);
        if (!expected) continue;
        checked++;
        const { status, body } = await send(t.app, route, injectOptions(route, valid, credential));
        if (!expected.includes(status)) {
          failures.push(
            `${route.key} with ${credential.name} → ${valid.url} answered ${status}, not ${expected.join('/')}: ${excerpt(body)}`,
          );
        }
      }
    }
    console.log(`route refusals: ${checked} valid requests from callers lacking what the route needs`);
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  }, 60_000);

  it('should never answer 5xx, and answer 401 to every request that lacks a credential', async () => {
    const started = performance.now();
    const serverErrors: string[] = [];
    const unrefused: string[] = [];
    const routes = routesInOrder(t.app);
    const admitted = new Map<string, number>();
    let sent = 0;
    for (const [index, route] of routes.entries()) {
      await restoreRoles();
      const requests = fc.sample(requestsOf(route, idsFor(route, ids)), {
        seed: SEED + index,
        numRuns: REQUESTS_PER_PAIR * credentials.length,
      });
      for (const [at, request] of requests.entries()) {
        const credential = credentials[at % credentials.length] as Credential;
        const options = injectOptions(route, request, credential);
        const { status, body } = await send(t.app, route, options);
        sent++;
        if (status < 300) admitted.set(route.key, (admitted.get(route.key) ?? 0) + 1);
        const line = () =>
          `${route.key} with ${credential.name} → ${options.method} ${excerpt(request.url, 120)} ` +
          `[${request.contentType ?? 'application/json'}] body ${excerpt(request.payload)} answered ${status}: ${excerpt(body)}`;
        if (status >= 500) serverErrors.push(line());
        else if (
          credential.lacking &&
          !isPublic(route) &&
          status !== 401 &&
          reachedRoute(status, body) &&
          !request.url.split('?')[0]?.split('/').includes('..')
        ) {
          unrefused.push(line());
        }
      }
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `route fuzz (seed ${SEED}, ${testDatabaseKind()}): ${sent.toLocaleString('en')} requests over ` +
        `${routes.length} routes × ${credentials.length} credentials in ${seconds} s: ` +
        `${serverErrors.length} server errors, ${unrefused.length} credential-less requests not answered 401; ` +
        `${[...admitted.values()].reduce((a, b) => a + b, 0).toLocaleString('en')} let in (2xx) on ${admitted.size} routes`,
    );
    const neverLetIn = routes.filter((r) => !admitted.has(r.key) && !(r.key in NOT_LET_IN)).map((r) => r.key);
    expect(serverErrors).toEqual([]);
    expect(unrefused).toEqual([]);
    // A fuzz whose requests all bounce off validation would prove little about the handlers.
    expect(neverLetIn).toEqual([]);
    if (!process.env.ERRATA_FUZZ_PER_PAIR) expect(sent).toBeGreaterThanOrEqual(20_000);
  }, 240_000);
});

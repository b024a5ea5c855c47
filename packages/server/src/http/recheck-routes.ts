import {
  CHECK_STATES,
  ERRATUM_STATUSES,
  normalizeUrl,
  PUBLIC_NOTE_MAX,
  SITE_KEY_MAX,
  URL_MAX,
} from '@errata/core';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireRole } from '../domain/access.ts';
import { ErrataError } from '../domain/errors.ts';
import { setPublicNote } from '../domain/inbox-actions.ts';
import type { Rechecker } from '../domain/recheck.ts';
import type { Store } from '../store/open-store.ts';
import { authenticate } from './auth.ts';
import { ApiErrorSchema } from './schemas.ts';

/** Longest a caller waits for the host's turn (other checks of it, its pause) before 503. */
const WAIT_FOR_HOST_MAX_MS = 15_000;

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

const PageRecheckSchema = Type.Object({
  site: Type.String(),
  url: Type.String({ description: 'The page, normalised.' }),
  fetched: Type.Union(
    [
      Type.Object({
        ok: Type.Boolean(),
        status: Type.Union([Type.Integer(), Type.Null()], {
          description: 'HTTP status, if a server answered.',
        }),
        reason: Nullable(Type.String({ description: 'Why the page could not be read, e.g. "HTTP 404".' })),
        notModified: Type.Boolean({ description: 'The page was unchanged since the last check (HTTP 304).' }),
      }),
      Type.Null(),
    ],
    { description: 'null when the page has no open or fixed errata: nothing was fetched.' },
  ),
  errata: Type.Array(
    Type.Object({
      id: Type.String(),
      status: Type.Enum([...ERRATUM_STATUSES]),
      check: Type.Object({
        state: Type.Enum([...CHECK_STATES]),
        checkedAt: Nullable(Type.String()),
        reason: Nullable(Type.String()),
        replacedBy: Nullable(Type.String()),
      }),
    }),
  ),
});

/**
 * The recheck on demand: a CMS calls POST /api/v1/pages/recheck with its site's API token
 * when it publishes a page, and gets the verdicts in the answer (the check runs at once,
 * within the fetch's time limit and the host's politeness pause). Also the editor's public
 * note shown in the corrections log.
 */
export async function recheckRoutes(
  app: FastifyInstance,
  options: { store: Store; rechecker: Rechecker },
): Promise<void> {
  const { store, rechecker } = options;
  app.addHook('onRequest', authenticate(store));

  app.post<{ Body: { site: string; url: string } }>(
    '/api/v1/pages/recheck',
    {
      schema: {
        summary: "Check a page's errata against the live page now (for a CMS on publish)",
        tags: ['recheck'],
        body: Type.Object({
          site: Type.String({ minLength: 1, maxLength: SITE_KEY_MAX, description: 'The site id.' }),
          url: Type.String({ minLength: 1, maxLength: URL_MAX, description: 'The page published.' }),
        }),
        response: {
          200: PageRecheckSchema,
          400: ApiErrorSchema,
          401: ApiErrorSchema,
          404: ApiErrorSchema,
          503: ApiErrorSchema,
        },
      },
    },
    async (request) => {
      await requireRole(store, request.principal!, request.body.site, 'editor');
      const url = normalizeUrl(request.body.url);
      if (url === null) {
        throw new ErrataError('invalid', 'url must be an absolute http(s) address.', {
          url: 'is not an http(s) URL',
        });
      }
      return rechecker.recheckPage(
        { siteId: request.body.site, url },
        { waitAtMostMs: WAIT_FOR_HOST_MAX_MS },
      );
    },
  );

  app.put<{ Params: { id: string }; Body: { note: string | null } }>(
    '/api/v1/errata/:id/public-note',
    {
      schema: {
        summary: "Set the note the public corrections log shows with an erratum's correction",
        tags: ['recheck'],
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        body: Type.Object({
          note: Nullable(
            Type.String({ maxLength: PUBLIC_NOTE_MAX, description: 'null or blank removes it.' }),
          ),
        }),
        response: {
          200: Type.Object({ note: Nullable(Type.String()) }),
          400: ApiErrorSchema,
          403: ApiErrorSchema,
          404: ApiErrorSchema,
        },
      },
    },
    async (request) => setPublicNote(store, request.principal!, request.params.id, request.body.note),
  );
}

import type { ErratumStatus } from '@errata/core';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { getErratum, listSiteErrata, setErratumStatus } from '../domain/errata.ts';
import type { LiveEvents } from '../domain/live-events.ts';
import type { Store } from '../store/open-store.ts';
import { authenticate } from './auth.ts';
import {
  ApiErrorSchema,
  ErrataPageSchema,
  ErrataQuerySchema,
  ErratumSchema,
  StatusSchema,
} from './schemas.ts';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** The editors' view of errata: list, read one, change its status. Every call is scoped by site membership. */
export async function errataRoutes(
  app: FastifyInstance,
  options: { store: Store; events?: LiveEvents },
): Promise<void> {
  const { store, events } = options;
  app.addHook('preHandler', authenticate(store));

  app.get<{ Querystring: { site: string; status?: ErratumStatus; cursor?: string; limit?: number } }>(
    '/api/v1/errata',
    {
      schema: {
        summary: "A site's errata, newest activity first",
        tags: ['errata'],
        querystring: ErrataQuerySchema,
        response: { 200: ErrataPageSchema, 400: ApiErrorSchema, 401: ApiErrorSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => listSiteErrata(store, request.principal!, request.query),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/errata/:id',
    {
      schema: {
        summary: 'One erratum',
        tags: ['errata'],
        params: IdParams,
        response: { 200: ErratumSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => getErratum(store, request.principal!, request.params.id),
  );

  app.patch<{ Params: { id: string }; Body: { status: ErratumStatus } }>(
    '/api/v1/errata/:id',
    {
      schema: {
        summary: "Change an erratum's status (fixed, rejected, spam, open)",
        tags: ['errata'],
        params: IdParams,
        body: Type.Object({ status: StatusSchema }),
        response: { 200: ErratumSchema, 400: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema },
      },
    },
    async (request) =>
      setErratumStatus(store, request.principal!, request.params.id, request.body.status, events),
  );
}

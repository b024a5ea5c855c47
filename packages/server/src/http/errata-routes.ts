import type { BulkErrataChange, ErratumPatch } from '@errata/core';
import type { FastifyInstance } from 'fastify';
import { getErratum, listSiteErrata } from '../domain/errata.ts';
import { addNote, bulkChange, getErratumDetail, patchErratum } from '../domain/inbox-actions.ts';
import type { InboxQuery } from '../domain/inbox-query.ts';
import type { LiveEvents } from '../domain/live-events.ts';
import type { Store } from '../store/open-store.ts';
import { authenticate } from './auth.ts';
import {
  BulkBodySchema,
  BulkResultSchema,
  ErratumDetailSchema,
  ErratumIdParams,
  ErratumPatchSchema,
  HistoryEventSchema,
  NoteBodySchema,
} from './errata-schemas.ts';
import { ApiErrorSchema, ErrataPageSchema, ErrataQuerySchema, ErratumSchema } from './schemas.ts';

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema };

/**
 * The editors' inbox: list (filter, search, sort), read one with its history, change status
 * and assignee one by one or in bulk, write notes. Every call is scoped by site membership.
 */
export async function errataRoutes(
  app: FastifyInstance,
  options: { store: Store; events?: LiveEvents },
): Promise<void> {
  const { store, events } = options;
  app.addHook('onRequest', authenticate(store));

  app.get<{ Querystring: InboxQuery }>(
    '/api/v1/errata',
    {
      schema: {
        summary: "A site's inbox: errata filtered, searched and sorted (reports × recency by default)",
        tags: ['errata'],
        querystring: ErrataQuerySchema,
        response: { 200: ErrataPageSchema, ...errors },
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
        params: ErratumIdParams,
        response: { 200: ErratumSchema, 401: ApiErrorSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => getErratum(store, request.principal!, request.params.id),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/errata/:id/detail',
    {
      schema: {
        summary:
          'One erratum with all its comments, its reports, its history and links to the page and the CMS',
        tags: ['errata'],
        params: ErratumIdParams,
        response: { 200: ErratumDetailSchema, 401: ApiErrorSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => getErratumDetail(store, request.principal!, request.params.id),
  );

  app.patch<{ Params: { id: string }; Body: ErratumPatch }>(
    '/api/v1/errata/:id',
    {
      schema: {
        summary: "Change an erratum's status (fixed, rejected, spam, open) and/or its assignee",
        tags: ['errata'],
        params: ErratumIdParams,
        body: ErratumPatchSchema,
        response: { 200: ErratumSchema, ...errors },
      },
    },
    async (request) => patchErratum(store, request.principal!, request.params.id, request.body, events),
  );

  app.post<{ Params: { id: string }; Body: { text: string } }>(
    '/api/v1/errata/:id/notes',
    {
      schema: {
        summary: "Add an editor's note to an erratum's history",
        tags: ['errata'],
        params: ErratumIdParams,
        body: NoteBodySchema,
        response: { 201: HistoryEventSchema, ...errors },
      },
    },
    async (request, reply) => {
      const note = await addNote(store, request.principal!, request.params.id, request.body.text, events);
      return reply.code(201).send(note);
    },
  );

  app.post<{ Body: BulkErrataChange }>(
    '/api/v1/errata/bulk',
    {
      schema: {
        summary: 'Change the status and/or assignee of many errata of one site',
        tags: ['errata'],
        body: BulkBodySchema,
        response: { 200: BulkResultSchema, ...errors },
      },
    },
    async (request) => bulkChange(store, request.principal!, request.body, events),
  );
}

import type { FastifyInstance } from 'fastify';
import { eraseReaderData, exportReaderData } from '../domain/reader-data.ts';
import type { Store } from '../store/open-store.ts';
import { authenticate } from './auth.ts';
import {
  ReaderDataErasureSchema,
  ReaderDataExportSchema,
  ReaderEmailBodySchema,
} from './reader-data-schemas.ts';
import { ApiErrorSchema } from './schemas.ts';
import { SiteParams } from './site-schemas.ts';

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema };

/**
 * A reader's data, by the e-mail address they left: an owner exports it or erases it, each
 * in one request. Both are POSTs so the address travels in the body, never in a URL that
 * access logs and browser histories keep; both need the owner role (and the CSRF token).
 */
export async function readerDataRoutes(app: FastifyInstance, options: { store: Store }): Promise<void> {
  const { store } = options;
  app.addHook('onRequest', authenticate(store));

  app.post<{ Params: { site: string }; Body: { email: string } }>(
    '/api/v1/sites/:site/reader-data/export',
    {
      schema: {
        summary:
          "Everything the site holds for a reader's e-mail address: their reports and the stored address (owners)",
        tags: ['sites'],
        params: SiteParams,
        body: ReaderEmailBodySchema,
        response: { 200: ReaderDataExportSchema, ...errors },
      },
    },
    async (request, reply) => {
      const data = await exportReaderData(store, request.principal!, request.params.site, request.body.email);
      return reply.header('cache-control', 'no-store').send(data);
    },
  );

  app.post<{ Params: { site: string }; Body: { email: string } }>(
    '/api/v1/sites/:site/reader-data/erase',
    {
      schema: {
        summary:
          "Erase a reader's e-mail address from the site, and their suggestions and comments in the reports they left it with (owners)",
        tags: ['sites'],
        params: SiteParams,
        body: ReaderEmailBodySchema,
        response: { 200: ReaderDataErasureSchema, ...errors },
      },
    },
    async (request) => eraseReaderData(store, request.principal!, request.params.site, request.body.email),
  );
}

import type { FastifyInstance } from 'fastify';
import { retrySiteDelivery, siteDeliveryLog } from '../domain/webhooks.ts';
import type { Store } from '../store/open-store.ts';
import { authenticate } from './auth.ts';
import {
  DeliveryLogEntrySchema,
  DeliveryPageSchema,
  DeliveryQuerySchema,
  SiteItemParams,
  SiteParams,
} from './notification-schemas.ts';
import { ApiErrorSchema } from './schemas.ts';

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema };

/** A site's delivery log (any member) and retry by hand (owner). */
export async function deliveriesRoutes(app: FastifyInstance, options: { store: Store }): Promise<void> {
  const { store } = options;
  app.addHook('onRequest', authenticate(store));

  app.get<{
    Params: { site: string };
    Querystring: { status?: 'pending' | 'delivered' | 'dead'; cursor?: string; limit?: number };
  }>(
    '/api/v1/sites/:site/deliveries',
    {
      schema: {
        summary: "A site's delivery log, newest first: attempts, last answer, next try",
        tags: ['notifications'],
        params: SiteParams,
        querystring: DeliveryQuerySchema,
        response: { 200: DeliveryPageSchema, ...errors },
      },
    },
    async (request) => siteDeliveryLog(store, request.principal!, request.params.site, request.query),
  );

  app.post<{ Params: { site: string; id: string } }>(
    '/api/v1/sites/:site/deliveries/:id/retry',
    {
      schema: {
        summary: 'Try a pending or dead delivery again now (owner)',
        tags: ['notifications'],
        params: SiteItemParams,
        response: { 200: DeliveryLogEntrySchema, ...errors, 409: ApiErrorSchema },
      },
    },
    async (request) => retrySiteDelivery(store, request.principal!, request.params.site, request.params.id),
  );
}

import type { NotificationEventType, WebhookFormat } from '@errata/core';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  changeSiteWebhook,
  createSiteWebhook,
  listSiteWebhooks,
  pingSiteWebhook,
  removeSiteWebhook,
} from '../domain/webhooks.ts';
import type { Store } from '../store/open-store.ts';
import { authenticate } from './auth.ts';
import {
  CreatedWebhookSchema,
  NewWebhookSchema,
  SiteItemParams,
  SiteParams,
  WebhookPatchSchema,
  WebhookSchema,
  WebhooksSchema,
  WebhookTestResultSchema,
} from './notification-schemas.ts';
import { ApiErrorSchema } from './schemas.ts';

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema };

/** What saving a URL checks, in the API docs: the sender's own refusals, told at once. */
const URL_VETTED =
  "The URL's host is resolved when it is saved: a name that does not resolve (or whose DNS servers give no answer within 5 seconds), or one with a loopback or private address (unless the site is marked local) or a link-local or reserved one, is refused with 400 and the reason.";

interface WebhookBody {
  url: string;
  format?: WebhookFormat;
  events?: NotificationEventType[];
  active?: boolean;
}

/** A site's webhooks (owners only: chat webhook URLs are secrets). */
export async function webhooksRoutes(
  app: FastifyInstance,
  options: { store: Store; publicUrl: string },
): Promise<void> {
  const { store } = options;
  app.addHook('onRequest', authenticate(store));

  app.get<{ Params: { site: string } }>(
    '/api/v1/sites/:site/webhooks',
    {
      schema: {
        summary: "A site's webhooks (owner)",
        tags: ['notifications'],
        params: SiteParams,
        response: { 200: WebhooksSchema, ...errors },
      },
    },
    async (request) => ({
      webhooks: await listSiteWebhooks(store, request.principal!, request.params.site),
    }),
  );

  app.post<{ Params: { site: string }; Body: WebhookBody }>(
    '/api/v1/sites/:site/webhooks',
    {
      schema: {
        summary: 'Add a webhook (owner); the answer holds its signing secret, shown this once',
        description: URL_VETTED,
        tags: ['notifications'],
        params: SiteParams,
        body: NewWebhookSchema,
        response: { 201: CreatedWebhookSchema, ...errors, 409: ApiErrorSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createSiteWebhook(store, request.principal!, request.params.site, request.body)),
  );

  app.patch<{ Params: { site: string; id: string }; Body: Partial<WebhookBody> }>(
    '/api/v1/sites/:site/webhooks/:id',
    {
      schema: {
        summary: "Change a webhook's address, format, event filter or pause it (owner)",
        description: URL_VETTED,
        tags: ['notifications'],
        params: SiteItemParams,
        body: WebhookPatchSchema,
        response: { 200: WebhookSchema, ...errors },
      },
    },
    async (request) =>
      changeSiteWebhook(store, request.principal!, request.params.site, request.params.id, request.body),
  );

  app.delete<{ Params: { site: string; id: string } }>(
    '/api/v1/sites/:site/webhooks/:id',
    {
      schema: {
        summary: 'Delete a webhook (owner)',
        tags: ['notifications'],
        params: SiteItemParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeSiteWebhook(store, request.principal!, request.params.site, request.params.id);
      return reply.status(204).send();
    },
  );

  app.post<{ Params: { site: string; id: string } }>(
    '/api/v1/sites/:site/webhooks/:id/test',
    {
      schema: {
        summary: 'Send a test message ("ping") to a webhook now and tell how the receiver answered (owner)',
        tags: ['notifications'],
        params: SiteItemParams,
        response: { 200: WebhookTestResultSchema, ...errors },
      },
    },
    async (request) =>
      pingSiteWebhook(store, request.principal!, request.params.site, request.params.id, options.publicUrl),
  );
}

import { NOTIFICATION_EVENT_TYPES, SITE_KEY_MAX, URL_MAX, WEBHOOK_FORMATS } from '@errata/core';
import { Type } from 'typebox';
import { DELIVERY_PAGE_MAX } from '../domain/webhooks.ts';

// Schemas of the webhooks and delivery-log routes; the types they describe live in core's api.ts.

const Site = Type.String({ minLength: 1, maxLength: SITE_KEY_MAX, description: 'The site id.' });
const Id = Type.String({ minLength: 1, maxLength: 64 });

export const SiteParams = Type.Object({ site: Site });
export const SiteItemParams = Type.Object({ site: Site, id: Id });

const EventTypes = Type.Array(Type.Enum([...NOTIFICATION_EVENT_TYPES]), {
  maxItems: NOTIFICATION_EVENT_TYPES.length,
  description: 'Event types to send; empty (or absent) sends every type.',
});
const Format = Type.Enum([...WEBHOOK_FORMATS], {
  description:
    'json (signed Errata payload), or slack, discord, teams, mattermost incoming-webhook messages.',
});
const Url = Type.String({ minLength: 1, maxLength: URL_MAX, description: 'http(s) address to POST to.' });

export const WebhookSchema = Type.Object({
  id: Type.String(),
  url: Type.String(),
  format: Format,
  events: EventTypes,
  active: Type.Boolean({ description: 'False while paused (by an owner, or after a 410 Gone).' }),
  createdAt: Type.String(),
});

export const WebhooksSchema = Type.Object({ webhooks: Type.Array(WebhookSchema) });

export const NewWebhookSchema = Type.Object({
  url: Url,
  format: Type.Optional(Format),
  events: Type.Optional(EventTypes),
  active: Type.Optional(Type.Boolean()),
});

export const WebhookPatchSchema = Type.Object(
  {
    url: Type.Optional(Url),
    format: Type.Optional(Format),
    events: Type.Optional(EventTypes),
    active: Type.Optional(Type.Boolean()),
  },
  { minProperties: 1 },
);

export const CreatedWebhookSchema = Type.Object({
  webhook: WebhookSchema,
  secret: Type.String({ description: 'Key of the Errata-Signature HMAC; shown this once.' }),
});

export const WebhookTestResultSchema = Type.Object({
  ok: Type.Boolean(),
  statusCode: Type.Union([Type.Integer(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
});

const DeliveryStatus = Type.Enum(['pending', 'delivered', 'dead']);
const NullableString = Type.Union([Type.String(), Type.Null()]);

export const DeliveryLogEntrySchema = Type.Object({
  id: Type.String(),
  eventId: Type.String({ description: 'The event id receivers see in Errata-Event-Id.' }),
  eventType: Type.String(),
  erratumId: NullableString,
  channel: Type.String({ description: 'webhook, email, …' }),
  targetId: Type.String(),
  target: Type.Union([Type.String(), Type.Null()], {
    description: "A webhook's host or an editor's address.",
  }),
  status: DeliveryStatus,
  attempts: Type.Integer(),
  lastAttemptAt: NullableString,
  lastStatusCode: Type.Union([Type.Integer(), Type.Null()]),
  lastError: NullableString,
  nextAttemptAt: Type.Union([Type.String(), Type.Null()], {
    description: 'When a pending delivery is tried next.',
  }),
  deliveredAt: NullableString,
  createdAt: Type.String(),
});

export const DeliveryPageSchema = Type.Object({
  items: Type.Array(DeliveryLogEntrySchema),
  next: Type.Union([Type.String(), Type.Null()], { description: 'Cursor of the next page, or null.' }),
});

export const DeliveryQuerySchema = Type.Object({
  status: Type.Optional(DeliveryStatus),
  cursor: Type.Optional(Id),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: DELIVERY_PAGE_MAX })),
});

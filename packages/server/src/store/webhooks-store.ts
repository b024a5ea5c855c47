import type { WebhookFormat } from '@errata/core';
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { OutboxEventType } from '../base/outbox-event.ts';
import type { Database, WebhookTable } from './schema.ts';

/** A site's webhook as the API shows it: everything but the secret. */
export interface Webhook {
  id: string;
  siteId: string;
  url: string;
  format: WebhookFormat;
  /** Event types sent; empty sends every type. */
  events: OutboxEventType[];
  active: boolean;
  createdAt: string;
}

export function toWebhook(row: Selectable<WebhookTable>): Webhook {
  return {
    id: row.id,
    siteId: row.site_id,
    url: row.url,
    format: row.format as WebhookFormat,
    events: JSON.parse(row.events) as OutboxEventType[],
    active: Number(row.active) === 1,
    createdAt: row.created_at,
  };
}

export async function insertWebhook(db: Kysely<Database>, hook: Webhook & { secret: string }): Promise<void> {
  await db
    .insertInto('webhooks')
    .values({
      id: hook.id,
      site_id: hook.siteId,
      url: hook.url,
      format: hook.format,
      secret: hook.secret,
      events: JSON.stringify(hook.events),
      active: hook.active ? 1 : 0,
      created_at: hook.createdAt,
    })
    .execute();
}

/** A site's webhooks, oldest first. */
export async function listWebhooks(db: Kysely<Database>, siteId: string): Promise<Webhook[]> {
  const rows = await db
    .selectFrom('webhooks')
    .selectAll()
    .where('site_id', '=', siteId)
    .orderBy('id')
    .execute();
  return rows.map(toWebhook);
}

/** One webhook with its secret, for sending; null when it does not exist. */
export async function findWebhookRow(
  db: Kysely<Database>,
  id: string,
): Promise<Selectable<WebhookTable> | null> {
  return (await db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/** Changes a site's webhook; returns false when the site has no such webhook. */
export async function updateWebhook(
  db: Kysely<Database>,
  siteId: string,
  id: string,
  change: { url?: string; format?: WebhookFormat; events?: OutboxEventType[]; active?: boolean },
): Promise<boolean> {
  const set: Updateable<WebhookTable> = {};
  if (change.url !== undefined) set.url = change.url;
  if (change.format !== undefined) set.format = change.format;
  if (change.events !== undefined) set.events = JSON.stringify(change.events);
  if (change.active !== undefined) set.active = change.active ? 1 : 0;
  if (Object.keys(set).length === 0) return (await findWebhookRow(db, id))?.site_id === siteId;
  const result = await db
    .updateTable('webhooks')
    .set(set)
    .where('id', '=', id)
    .where('site_id', '=', siteId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Deletes a site's webhook; its pending deliveries fail as "deleted" at their next attempt. */
export async function deleteWebhook(db: Kysely<Database>, siteId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('webhooks')
    .where('id', '=', id)
    .where('site_id', '=', siteId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Pauses a webhook the receiver said is gone for good (HTTP 410). */
export async function pauseWebhook(db: Kysely<Database>, id: string): Promise<void> {
  await db.updateTable('webhooks').set({ active: 0 }).where('id', '=', id).execute();
}

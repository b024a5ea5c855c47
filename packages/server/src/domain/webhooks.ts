import { type DeliveryLogEntry, URL_MAX, type WebhookFormat } from '@errata/core';
import { newId } from '../base/ids.ts';
import type { OutboxEventType } from '../base/outbox-event.ts';
import { type Resolve, vetHost } from '../fetch/host-vetting.ts';
import { sendWebhook, WEBHOOK_TIMEOUT_MS } from '../jobs/delivery/webhook-channel.ts';
import { listDeliveries, retryDeliveryNow } from '../store/deliveries-store.ts';
import type { Store } from '../store/open-store.ts';
import { findSiteFlags } from '../store/site-flags-store.ts';
import {
  deleteWebhook,
  findWebhookRow,
  insertWebhook,
  listWebhooks,
  toWebhook,
  updateWebhook,
  type Webhook,
} from '../store/webhooks-store.ts';
import { type Principal, requireRole } from './access.ts';
import { ErrataError } from './errors.ts';
import { newToken } from './secrets.ts';

/** Most webhooks per site: each event is sent to every one of them. */
export const WEBHOOKS_PER_SITE_MAX = 20;
/** Delivery log lines per page when the caller does not say, and at most. */
export const DELIVERY_PAGE_DEFAULT = 50;
export const DELIVERY_PAGE_MAX = 200;

export interface WebhookInput {
  url: string;
  format?: WebhookFormat | undefined;
  events?: OutboxEventType[] | undefined;
  active?: boolean | undefined;
}

/** Refuses a URL webhooks cannot be sent to; returns it normalised. */
export function checkWebhookUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new ErrataError(
      'invalid',
      `"${url}" is not a URL: give the whole address, e.g. https://example.org/hooks/errata.`,
      {
        url: 'not a URL',
      },
    );
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ErrataError('invalid', 'A webhook URL must start with https:// or http://.', {
      url: 'must be http(s)',
    });
  }
  if (parsed.username || parsed.password) {
    throw new ErrataError(
      'invalid',
      'A webhook URL must not hold a user name or password: use the signature.',
      {
        url: 'has credentials',
      },
    );
  }
  if (parsed.href.length > URL_MAX) {
    throw new ErrataError('invalid', `A webhook URL may be at most ${URL_MAX} characters.`, {
      url: 'too long',
    });
  }
  return parsed.href;
}

/**
 * Refuses a URL webhooks cannot be sent to, by its form and by where it leads now: its host is
 * resolved and refused as the sender would refuse it (a loopback or private address unless the
 * site is marked local, never link-local or reserved ones), as is a name that does not resolve,
 * so an owner learns it when saving, not from the delivery log. Returns the URL normalised.
 */
export async function vetWebhookUrl(
  store: Store,
  siteId: string,
  url: string,
  lookup: { resolve?: Resolve; timeoutMs?: number } = {},
): Promise<string> {
  const href = checkWebhookUrl(url);
  const local = (await findSiteFlags(store.db, siteId))?.local ?? false;
  const vetting = await vetHost(new URL(href).hostname, { local, ...lookup });
  if (!vetting.ok) {
    const advice = vetting.timedOut ? ': check the host name, or save again in a moment' : '';
    throw new ErrataError('invalid', `Webhooks cannot be sent there: ${vetting.reason}${advice}.`, {
      url: vetting.refused
        ? 'refused address'
        : vetting.timedOut
          ? 'not resolved in time'
          : 'does not resolve',
    });
  }
  return href;
}

/** Adds a webhook (owner); the secret is returned here and never again. */
export async function createSiteWebhook(
  store: Store,
  principal: Principal,
  siteId: string,
  input: WebhookInput,
): Promise<{ webhook: Webhook; secret: string }> {
  await requireRole(store, principal, siteId, 'owner');
  const url = await vetWebhookUrl(store, siteId, input.url);
  const existing = await listWebhooks(store.db, siteId);
  if (existing.length >= WEBHOOKS_PER_SITE_MAX) {
    throw new ErrataError(
      'conflict',
      `A site may have at most ${WEBHOOKS_PER_SITE_MAX} webhooks: delete one you no longer use first.`,
    );
  }
  const webhook: Webhook = {
    id: newId(),
    siteId,
    url,
    format: input.format ?? 'json',
    events: [...new Set(input.events ?? [])],
    active: input.active ?? true,
    createdAt: new Date().toISOString(),
  };
  const secret = newToken('whsec_');
  await insertWebhook(store.db, { ...webhook, secret });
  return { webhook, secret };
}

/** A site's webhooks (owner: their URLs are secrets for chat tools). */
export async function listSiteWebhooks(
  store: Store,
  principal: Principal,
  siteId: string,
): Promise<Webhook[]> {
  await requireRole(store, principal, siteId, 'owner');
  return listWebhooks(store.db, siteId);
}

export async function changeSiteWebhook(
  store: Store,
  principal: Principal,
  siteId: string,
  id: string,
  change: Partial<WebhookInput>,
): Promise<Webhook> {
  await requireRole(store, principal, siteId, 'owner');
  const url = change.url !== undefined ? await vetWebhookUrl(store, siteId, change.url) : undefined;
  const found = await updateWebhook(store.db, siteId, id, {
    ...(url !== undefined ? { url } : {}),
    ...(change.format !== undefined ? { format: change.format } : {}),
    ...(change.events !== undefined ? { events: [...new Set(change.events)] } : {}),
    ...(change.active !== undefined ? { active: change.active } : {}),
  });
  const row = found ? await findWebhookRow(store.db, id) : null;
  if (!row) throw notFound(id);
  return toWebhook(row);
}

export async function removeSiteWebhook(
  store: Store,
  principal: Principal,
  siteId: string,
  id: string,
): Promise<void> {
  await requireRole(store, principal, siteId, 'owner');
  if (!(await deleteWebhook(store.db, siteId, id))) throw notFound(id);
}

/** Sends a test message ("ping") to a webhook now, outside the outbox, and says how it went. */
export async function pingSiteWebhook(
  store: Store,
  principal: Principal,
  siteId: string,
  id: string,
  publicUrl: string,
): Promise<{ ok: boolean; statusCode: number | null; error: string | null }> {
  await requireRole(store, principal, siteId, 'owner');
  const row = await findWebhookRow(store.db, id);
  if (!row || row.site_id !== siteId) throw notFound(id);
  const result = await sendWebhook(
    row,
    { id: newId(), type: 'ping', siteId, erratumId: null, data: {}, createdAt: new Date().toISOString() },
    {
      publicUrl,
      timeoutMs: WEBHOOK_TIMEOUT_MS,
      local: (await findSiteFlags(store.db, siteId))?.local ?? false,
    },
  );
  return { ok: result.ok, statusCode: result.statusCode, error: result.error };
}

/** A page of the site's delivery log (viewer and up). */
export async function siteDeliveryLog(
  store: Store,
  principal: Principal,
  siteId: string,
  query: {
    status?: DeliveryLogEntry['status'] | undefined;
    cursor?: string | undefined;
    limit?: number | undefined;
  },
): Promise<{ items: DeliveryLogEntry[]; next: string | null }> {
  await requireRole(store, principal, siteId, 'viewer');
  const limit = Math.min(query.limit ?? DELIVERY_PAGE_DEFAULT, DELIVERY_PAGE_MAX);
  const rows = await listDeliveries(store.db, {
    siteId,
    status: query.status,
    beforeId: query.cursor,
    limit: limit + 1,
  });
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}

/** Makes a pending or dead delivery due now (owner); returns its log line. */
export async function retrySiteDelivery(
  store: Store,
  principal: Principal,
  siteId: string,
  id: string,
): Promise<DeliveryLogEntry> {
  await requireRole(store, principal, siteId, 'owner');
  const retried = await retryDeliveryNow(store.db, { siteId, id, now: new Date().toISOString() });
  const [entry] = await listDeliveries(store.db, { siteId, id, limit: 1 });
  if (!entry) throw new ErrataError('not_found', `No delivery "${id}" on "${siteId}".`);
  if (!retried)
    throw new ErrataError('conflict', 'This delivery was delivered already: there is nothing to retry.');
  return entry;
}

function notFound(id: string): ErrataError {
  return new ErrataError('not_found', `No webhook "${id}" on this site.`);
}

import { lookup } from 'node:dns/promises';
import type { WebhookFormat } from '@errata/core';
import type { Kysely, Selectable } from 'kysely';
import { addressRefusal } from '../../fetch/address-policy.ts';
import type { Database, WebhookTable } from '../../store/schema.ts';
import { findSiteFlags } from '../../store/site-flags-store.ts';
import { findWebhookRow, pauseWebhook } from '../../store/webhooks-store.ts';
import type { DeliveryChannel, DeliveryResult } from './channel.ts';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signatureHeader } from './signature.ts';
import { formatWebhookBody, type WebhookEvent } from './webhook-formats.ts';

/** Longest wait for a receiver's answer: a slow receiver holds one delivery slot, not the worker. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** The webhooks channel: every active webhook of the event's site whose filter takes the event. */
export function webhookChannel(options: {
  db: Kysely<Database>;
  publicUrl: string;
  timeoutMs?: number;
}): DeliveryChannel {
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  return {
    kind: 'webhook',
    async targetsFor(db, events) {
      const siteIds = [...new Set(events.map((e) => e.siteId))];
      if (siteIds.length === 0) return [];
      const hooks = await db
        .selectFrom('webhooks')
        .select(['id', 'site_id', 'events'])
        .where('site_id', 'in', siteIds)
        .where('active', '=', 1)
        .orderBy('id')
        .execute();
      const wanted = hooks.map((hook) => ({ ...hook, events: JSON.parse(hook.events) as string[] }));
      return events.map((event) =>
        wanted
          .filter(
            (hook) =>
              hook.site_id === event.siteId && (hook.events.length === 0 || hook.events.includes(event.type)),
          )
          .map((hook) => hook.id),
      );
    },
    async deliver(event, targetId, signal) {
      const hook = await findWebhookRow(options.db, targetId);
      if (!hook) return { ok: false, statusCode: null, error: 'The webhook was deleted.', permanent: true };
      if (Number(hook.active) !== 1) {
        return { ok: false, statusCode: null, error: 'The webhook is paused.', permanent: true };
      }
      const local = (await findSiteFlags(options.db, hook.site_id))?.local ?? false;
      const result = await sendWebhook(hook, event, {
        publicUrl: options.publicUrl,
        timeoutMs,
        signal,
        local,
      });
      if (result.statusCode === 410) {
        await pauseWebhook(options.db, hook.id);
        return {
          ...result,
          error: 'The receiver answered 410 Gone: the webhook is paused.',
          permanent: true,
        };
      }
      return result;
    },
  };
}

/**
 * POSTs one event to a webhook, signed, and says how it went: any 2xx is delivered;
 * redirects are not followed (a moved receiver must be updated by the owner).
 */
export async function sendWebhook(
  hook: Pick<Selectable<WebhookTable>, 'url' | 'format' | 'secret'>,
  event: WebhookEvent,
  options: {
    publicUrl: string;
    timeoutMs: number;
    signal?: AbortSignal | undefined;
    /** The site is marked local: its receivers may be on loopback and private addresses. */
    local: boolean;
  },
): Promise<DeliveryResult> {
  const refusal = await receiverRefusal(hook.url, options.local);
  if (refusal) return { ok: false, statusCode: null, error: `Not sent: ${refusal}.`, permanent: true };
  const body = JSON.stringify(formatWebhookBody(hook.format as WebhookFormat, event, options.publicUrl));
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    const response = await fetch(hook.url, {
      method: 'POST',
      redirect: 'manual',
      signal,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Errata-Webhooks/1',
        [EVENT_ID_HEADER]: event.id,
        [SIGNATURE_HEADER]: signatureHeader(hook.secret, body, new Date()),
      },
      body,
    });
    // The answer's body is not needed; cancelling frees the connection at once.
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) {
      return { ok: true, statusCode: response.status, error: null };
    }
    const location = response.headers.get('location');
    const why =
      response.status >= 300 && response.status < 400
        ? `redirected${location ? ` to ${location}` : ''}; webhooks do not follow redirects`
        : `the receiver answered HTTP ${response.status}`;
    return { ok: false, statusCode: response.status, error: capitalised(why) };
  } catch (error) {
    return { ok: false, statusCode: null, error: networkError(error, options.timeoutMs) };
  }
}

/**
 * Why a receiver must not be called: an owner's webhook could otherwise reach the server's
 * own network (loopback, private ranges, the cloud metadata address) and read the answer's
 * status in the delivery log. Same address rules as the recheck's fetches. The address is
 * looked up again when fetch connects, so a host that changes its answer in between is not
 * caught here; the recheck's fetcher, which reads answers, pins the address it checked.
 */
async function receiverRefusal(url: string, local: boolean): Promise<string | null> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string }[];
  try {
    addresses = await lookup(host, { all: true, verbatim: true });
  } catch {
    return null; // fetch reports the lookup failure in its own words, and it is retried.
  }
  for (const { address } of addresses) {
    const refusal = addressRefusal(host, address, local);
    if (refusal) return refusal;
  }
  return null;
}

/** The usual ways a connection fails, in words; other codes read "Could not connect (CODE)". */
const CONNECTION_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'Could not connect: nothing listens at that address',
  ENOTFOUND: 'Could not connect: no such host name',
  ECONNRESET: 'The receiver closed the connection',
  UND_ERR_SOCKET: 'The receiver closed the connection',
  EAI_AGAIN: 'Could not connect: the host name could not be looked up just now',
  CERT_HAS_EXPIRED: "Could not connect: the receiver's certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "Could not connect: the receiver's certificate is self-signed",
};

function networkError(error: unknown, timeoutMs: number): string {
  const name = (error as Error).name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return `No answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}.`;
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `${CONNECTION_ERRORS[cause.code] ?? 'Could not connect'} (${cause.code}).`;
  return `Could not send: ${cause?.message ?? (error as Error).message}.`;
}

function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

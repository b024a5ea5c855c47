import type { WebhookFormat } from '@errata/core';
import type { Kysely, Selectable } from 'kysely';
import type { Resolve } from '../../fetch/host-vetting.ts';
import { duration, outgoingRequest } from '../../fetch/outgoing-request.ts';
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
 * POSTs one event to a webhook, signed, and says how it went: any 2xx is delivered. It goes
 * the recheck's road out (fetch/outgoing-request.ts): the receiver's host resolved once, refused
 * when an address is not public (loopback and private ones allowed for a site marked local; an
 * owner's webhook could otherwise reach the server's own network and read the answer's status
 * in the delivery log), the connection pinned to the vetted address, and no redirect followed
 * (a moved receiver must be updated by the owner).
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
    /** Resolves the receiver's host; the system's resolver unless a test says otherwise. */
    resolve?: Resolve | undefined;
  },
): Promise<DeliveryResult> {
  const body = JSON.stringify(formatWebhookBody(hook.format as WebhookFormat, event, options.publicUrl));
  const answer = await outgoingRequest(
    hook.url,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Errata-Webhooks/1',
        [EVENT_ID_HEADER]: event.id,
        [SIGNATURE_HEADER]: signatureHeader(hook.secret, body, new Date()),
      },
      body,
      local: options.local,
      timeoutMs: options.timeoutMs,
      lateReason: `no answer within ${duration(options.timeoutMs)}`,
      signal: options.signal,
      resolve: options.resolve,
    },
    // The answer's body is not needed; dropping it frees the connection at once.
    async (response) => {
      response.destroy();
      return { ok: true as const, status: response.statusCode ?? 0, location: response.headers.location };
    },
  );
  if (!answer.ok) {
    if (answer.refused) {
      return { ok: false, statusCode: null, error: `Not sent: ${answer.reason}.`, permanent: true };
    }
    const words = answer.code ? CONNECTION_ERRORS[answer.code] : undefined;
    return {
      ok: false,
      statusCode: null,
      error: words ? `${words} (${answer.code}).` : capitalised(answer.reason),
    };
  }
  const { status, location } = answer;
  if (status >= 200 && status < 300) return { ok: true, statusCode: status, error: null };
  const why =
    status >= 300 && status < 400
      ? `redirected${location ? ` to ${location}` : ''}; webhooks do not follow redirects`
      : `the receiver answered HTTP ${status}`;
  return { ok: false, statusCode: status, error: capitalised(why) };
}

/** The usual ways a connection fails, in a receiver's owner's words; others read as the fetcher says. */
const CONNECTION_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'Could not connect: nothing listens at that address',
  ECONNRESET: 'The receiver closed the connection',
  CERT_HAS_EXPIRED: "Could not connect: the receiver's certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "Could not connect: the receiver's certificate is self-signed",
};

function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

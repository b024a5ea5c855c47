import type { DeliveryLogEntry } from '@errata/core';
import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import { newId } from '../base/ids.ts';
import type { OutboxEvent } from '../base/outbox-event.ts';
import { announceDeliveryWork, toOutboxEvent } from './outbox-store.ts';
import { skippingLocked } from './row-locks.ts';
import type { Database, DeliveryTable } from './schema.ts';

// Deliveries: one per event, channel and target (made by the fan-out in outbox-store.ts),
// leased by a worker for each attempt, until delivered or dead.

/** A delivery a worker holds the lease of, with its event. */
export interface ClaimedDelivery {
  delivery: Selectable<DeliveryTable>;
  event: OutboxEvent;
}

/**
 * Leases up to `limit` due deliveries to `owner` until `leasedUntil`, counting the attempt.
 * Each claim's lease_owner is `owner` plus a fresh id: when a lease runs out and the same
 * worker claims the delivery again, the first attempt's late outcome is no longer the holder's.
 * The lease condition is checked again by the UPDATE itself, so two workers (in one process
 * or several, or before and after a restart) never hold the same delivery at once; a worker
 * that dies loses its leases when they run out.
 */
export async function claimDueDeliveries(
  db: Kysely<Database>,
  claim: { owner: string; now: string; leasedUntil: string; limit: number },
): Promise<ClaimedDelivery[]> {
  if (claim.limit <= 0) return [];
  const free = (eb: ExpressionBuilder<Database, 'deliveries'>) =>
    eb.or([eb('leased_until', 'is', null), eb('leased_until', '<', claim.now)]);
  const claimed = await db
    .updateTable('deliveries')
    .set((eb) => ({
      leased_until: claim.leasedUntil,
      lease_owner: `${claim.owner}:${newId()}`,
      attempts: eb('attempts', '+', 1),
      last_attempt_at: claim.now,
    }))
    .where('id', 'in', (eb) =>
      skippingLocked(
        db,
        eb
          .selectFrom('deliveries')
          .select('id')
          .where('status', '=', 'pending')
          .where('next_attempt_at', '<=', claim.now)
          .where(free)
          .orderBy('next_attempt_at')
          .limit(claim.limit),
      ),
    )
    .where('status', '=', 'pending')
    .where(free)
    .returningAll()
    .execute();
  if (claimed.length === 0) return [];
  const events = await db
    .selectFrom('outbox_events')
    .selectAll()
    .where('id', 'in', [...new Set(claimed.map((d) => d.event_id))])
    .execute();
  const byId = new Map(events.map((row) => [row.id, toOutboxEvent(row)]));
  return claimed.flatMap((delivery) => {
    const event = byId.get(delivery.event_id);
    return event ? [{ delivery, event }] : [];
  });
}

/** Records a delivered attempt; only the lease holder's word counts (`owner`: the claimed lease_owner). */
export async function completeDelivery(
  db: Kysely<Database>,
  done: { id: string; owner: string; now: string; statusCode: number | null },
): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({
      status: 'delivered',
      delivered_at: done.now,
      next_attempt_at: null,
      leased_until: null,
      lease_owner: null,
      last_status_code: done.statusCode,
      last_error: null,
    })
    .where('id', '=', done.id)
    .where('lease_owner', '=', done.owner)
    .execute();
}

/** Records a failed attempt (lease holder only): due again at `nextAttemptAt`, or dead when that is null. */
export async function failDelivery(
  db: Kysely<Database>,
  failed: {
    id: string;
    owner: string;
    statusCode: number | null;
    error: string;
    nextAttemptAt: string | null;
  },
): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({
      status: failed.nextAttemptAt === null ? 'dead' : 'pending',
      next_attempt_at: failed.nextAttemptAt,
      leased_until: null,
      lease_owner: null,
      last_status_code: failed.statusCode,
      last_error: failed.error,
    })
    .where('id', '=', failed.id)
    .where('lease_owner', '=', failed.owner)
    .execute();
}

/**
 * Makes a pending or dead delivery of the site due now (a person pressed Retry). A dead one
 * gets one more attempt: if that fails too it is dead again. Returns false when there is no
 * such delivery or it was delivered already.
 */
export async function retryDeliveryNow(
  db: Kysely<Database>,
  retry: { siteId: string; id: string; now: string },
): Promise<boolean> {
  const result = await db
    .updateTable('deliveries')
    .set({ status: 'pending', next_attempt_at: retry.now })
    .where('id', '=', retry.id)
    .where('site_id', '=', retry.siteId)
    .where('status', 'in', ['pending', 'dead'])
    .executeTakeFirst();
  const changed = Number(result.numUpdatedRows) > 0;
  if (changed) announceDeliveryWork();
  return changed;
}

/** A page of a site's delivery log, newest first; `beforeId` continues after that delivery, `id` picks one. */
export async function listDeliveries(
  db: Kysely<Database>,
  query: {
    siteId: string;
    id?: string;
    status?: string | undefined;
    beforeId?: string | undefined;
    limit: number;
  },
): Promise<DeliveryLogEntry[]> {
  let select = db
    .selectFrom('deliveries as d')
    .innerJoin('outbox_events as e', 'e.id', 'd.event_id')
    .leftJoin('webhooks as w', (join) =>
      join.onRef('w.id', '=', 'd.target_id').on('d.channel', '=', 'webhook'),
    )
    .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'd.target_id').on('d.channel', '=', 'email'))
    .select([
      'd.id',
      'd.event_id',
      'e.type',
      'e.erratum_id',
      'd.channel',
      'd.target_id',
      'w.url as webhook_url',
      'u.email as user_email',
      'd.status',
      'd.attempts',
      'd.last_attempt_at',
      'd.last_status_code',
      'd.last_error',
      'd.next_attempt_at',
      'd.delivered_at',
      'd.created_at',
    ])
    .where('d.site_id', '=', query.siteId);
  if (query.id) select = select.where('d.id', '=', query.id);
  if (query.status) select = select.where('d.status', '=', query.status);
  if (query.beforeId) select = select.where('d.id', '<', query.beforeId);
  const rows = await select.orderBy('d.id', 'desc').limit(query.limit).execute();
  return rows.map((row) => ({
    id: row.id,
    eventId: row.event_id,
    eventType: row.type,
    erratumId: row.erratum_id,
    channel: row.channel,
    targetId: row.target_id,
    target: row.webhook_url ? hostOf(row.webhook_url) : (row.user_email ?? null),
    status: row.status as DeliveryLogEntry['status'],
    attempts: Number(row.attempts),
    lastAttemptAt: row.last_attempt_at,
    lastStatusCode: row.last_status_code === null ? null : Number(row.last_status_code),
    lastError: row.last_error,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
    deliveredAt: row.delivered_at,
    createdAt: row.created_at,
  }));
}

/** Chat webhook URLs are secrets in their path; the log shows only where they go. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'webhook';
  }
}

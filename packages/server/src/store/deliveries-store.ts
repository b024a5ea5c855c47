import type { DeliveryLogEntry } from '@errata/core';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

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

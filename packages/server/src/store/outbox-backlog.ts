import type { Kysely } from 'kysely';
import type { OutboxBacklog } from '../base/metrics.ts';
import type { Database } from './schema.ts';

/**
 * The outbox's undelivered work, for /metrics: events not fanned out (index
 * outbox_events_pending) and pending deliveries (index deliveries_due), with the creation
 * time of the oldest event among both. Both sets are small while the worker keeps up; a
 * large count is what the gauges are there to show.
 */
export async function outboxBacklog(db: Kysely<Database>): Promise<OutboxBacklog> {
  const events = await db
    .selectFrom('outbox_events')
    .select(({ fn }) => [fn.countAll<number | string>().as('count'), fn.min('created_at').as('oldest')])
    .where('fanned_out_at', 'is', null)
    .executeTakeFirstOrThrow();
  const deliveries = await db
    .selectFrom('deliveries')
    .select(({ fn }) => [fn.countAll<number | string>().as('count'), fn.min('event_id').as('oldestEvent')])
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  const oldestDeliveryEvent =
    deliveries.oldestEvent === null
      ? undefined
      : await db
          .selectFrom('outbox_events')
          .select('created_at')
          .where('id', '=', deliveries.oldestEvent)
          .executeTakeFirst();
  const times = [events.oldest, oldestDeliveryEvent?.created_at]
    .filter((at): at is string => typeof at === 'string')
    .map((at) => Date.parse(at));
  return {
    events: Number(events.count),
    deliveries: Number(deliveries.count),
    oldestAt: times.length === 0 ? null : Math.min(...times),
  };
}

import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import { newId } from '../domain/ids.ts';
import type {
  ErratumSnapshot,
  OutboxEvent,
  OutboxEventData,
  OutboxEventInput,
  OutboxEventType,
} from '../domain/outbox-event.ts';
import type { Database, DeliveryTable, OutboxEventTable } from './schema.ts';

/** Rows per insert: far below SQLite's 32,766 bound parameters. */
const INSERT_CHUNK = 500;

const workListeners = new Set<() => void>();

/**
 * Calls `listener` soon after an event is recorded or a delivery is made due in this
 * process, so the worker starts at once instead of at its next poll. Returns the unsubscribe.
 */
export function onDeliveryWork(listener: () => void): () => void {
  workListeners.add(listener);
  return () => workListeners.delete(listener);
}

function announceDeliveryWork(): void {
  // After the current turn: the transaction that recorded the event has usually committed by then,
  // and if not the worker's poll finds the event a moment later.
  if (workListeners.size === 0) return;
  setImmediate(() => {
    for (const listener of workListeners) listener();
  });
}

/** What a caller records; fields in `erratum` override the snapshot the outbox reads. */
export type OutboxRecord = OutboxEventInput & { erratum?: Partial<ErratumSnapshot> };

/**
 * Records an event in the outbox. Call it with the transaction that makes the change, so the
 * event exists exactly when the change does. Returns the event's id.
 * @example await recordOutboxEvent(trx, { siteId, type: 'erratum.noted', erratumId, data: { note } });
 */
export async function recordOutboxEvent(trx: Kysely<Database>, input: OutboxRecord): Promise<string> {
  const [id] = await recordOutboxEvents(trx, [input]);
  return id as string;
}

/**
 * Records several events in one statement (the ingest path stores up to 500 reports at once).
 * Each event naming an erratum gets a snapshot of it read in the same transaction; fields in
 * `erratum` override the snapshot's (e.g. the report count at this report of a batch).
 */
export async function recordOutboxEvents(
  trx: Kysely<Database>,
  inputs: readonly OutboxRecord[],
  now: string = new Date().toISOString(),
): Promise<string[]> {
  if (inputs.length === 0) return [];
  const snapshots = await erratumSnapshots(
    trx,
    inputs.flatMap((input) => (input.erratumId === null ? [] : [input.erratumId])),
    inputs
      .filter((input) => input.erratumId !== null && input.erratum?.suggestion === undefined)
      .map((input) => input.erratumId as string),
  );
  const rows = inputs.map((input) => {
    const data: OutboxEventData = { ...(input.data ?? {}) };
    const snapshot = input.erratumId === null ? undefined : snapshots.get(input.erratumId);
    if (snapshot) data.erratum = { ...snapshot, ...input.erratum };
    return {
      id: newId(),
      site_id: input.siteId,
      type: input.type,
      erratum_id: input.erratumId,
      data: JSON.stringify(data),
      created_at: now,
      fanned_out_at: null,
    };
  });
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    await trx
      .insertInto('outbox_events')
      .values(rows.slice(start, start + INSERT_CHUNK))
      .execute();
  }
  announceDeliveryWork();
  return rows.map((row) => row.id);
}

/** The errata's current state; the most suggested correction only for `withTopSuggestion`. */
async function erratumSnapshots(
  db: Kysely<Database>,
  ids: string[],
  withTopSuggestion: string[],
): Promise<Map<string, ErratumSnapshot>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('errata')
    .select(['id', 'url', 'title', 'quote_exact', 'status', 'report_count'])
    .where('id', 'in', unique)
    .execute();
  const top = await topSuggestions(db, [...new Set(withTopSuggestion)]);
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        url: row.url,
        title: row.title,
        quote: row.quote_exact,
        status: row.status,
        reports: Number(row.report_count),
        suggestion: top.get(row.id) ?? null,
      },
    ]),
  );
}

async function topSuggestions(db: Kysely<Database>, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('reports')
    .select((eb) => ['erratum_id', eb.fn.min('suggestion').as('text'), eb.fn.countAll<number>().as('count')])
    .where('erratum_id', 'in', ids)
    .where('suggestion_key', 'is not', null)
    .groupBy(['erratum_id', 'suggestion_key'])
    .execute();
  const best = new Map<string, { text: string; count: number }>();
  for (const row of rows) {
    const count = Number(row.count);
    const current = best.get(row.erratum_id);
    if (!current || count > current.count) best.set(row.erratum_id, { text: String(row.text), count });
  }
  return new Map([...best].map(([id, { text }]) => [id, text]));
}

export function toOutboxEvent(row: Selectable<OutboxEventTable>): OutboxEvent {
  return {
    id: row.id,
    siteId: row.site_id,
    type: row.type as OutboxEventType,
    erratumId: row.erratum_id,
    data: JSON.parse(row.data) as OutboxEventData,
    createdAt: row.created_at,
  };
}

/** Events whose deliveries are not made yet, oldest first. */
export async function eventsToFanOut(db: Kysely<Database>, limit: number): Promise<OutboxEvent[]> {
  const rows = await db
    .selectFrom('outbox_events')
    .selectAll()
    .where('fanned_out_at', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toOutboxEvent);
}

/** A delivery to make, as fan-out creates it. */
export interface NewDelivery {
  eventId: string;
  siteId: string;
  channel: string;
  targetId: string;
  /** Give up after this time (ISO). */
  expiresAt: string;
}

/**
 * Creates deliveries, due now, and marks their events fanned out. A delivery that exists
 * already (another instance fanned out the same event) is left as it is.
 */
export async function addDeliveries(
  trx: Kysely<Database>,
  deliveries: readonly NewDelivery[],
  fannedOut: readonly string[],
  now: string,
): Promise<void> {
  for (let start = 0; start < deliveries.length; start += INSERT_CHUNK) {
    await trx
      .insertInto('deliveries')
      .values(
        deliveries.slice(start, start + INSERT_CHUNK).map((d) => ({
          id: newId(),
          event_id: d.eventId,
          site_id: d.siteId,
          channel: d.channel,
          target_id: d.targetId,
          status: 'pending',
          attempts: 0,
          next_attempt_at: now,
          expires_at: d.expiresAt,
          leased_until: null,
          lease_owner: null,
          last_attempt_at: null,
          last_status_code: null,
          last_error: null,
          delivered_at: null,
          created_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['event_id', 'channel', 'target_id']).doNothing())
      .execute();
  }
  if (fannedOut.length > 0) {
    await trx
      .updateTable('outbox_events')
      .set({ fanned_out_at: now })
      .where('id', 'in', [...fannedOut])
      .where('fanned_out_at', 'is', null)
      .execute();
  }
}

/** A delivery a worker holds the lease of, with its event. */
export interface ClaimedDelivery {
  delivery: Selectable<DeliveryTable>;
  event: OutboxEvent;
}

/**
 * Leases up to `limit` due deliveries to `owner` until `leasedUntil`, counting the attempt.
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
      lease_owner: claim.owner,
      attempts: eb('attempts', '+', 1),
      last_attempt_at: claim.now,
    }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('deliveries')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', claim.now)
        .where(free)
        .orderBy('next_attempt_at')
        .limit(claim.limit),
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

/** Records a delivered attempt; only the lease holder's word counts. */
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

/** Records a failed attempt: due again at `nextAttemptAt`, or dead when that is null. */
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

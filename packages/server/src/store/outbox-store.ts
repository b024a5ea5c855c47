import type { Kysely, Selectable } from 'kysely';
import { newId } from '../base/ids.ts';
import type {
  ErratumSnapshot,
  OutboxEvent,
  OutboxEventData,
  OutboxEventInput,
  OutboxEventType,
} from '../base/outbox-event.ts';
import { type SuggestionRow, suggestionsOf } from './inbox-reader-text.ts';
import type { Database, OutboxEventTable } from './schema.ts';
import { inListOfShape, insertChunks } from './statement-shapes.ts';

/** Leading characters of an id that encode its creation time (ids.ts). */
const ID_TIME_CHARS = 10;

const workListeners = new Set<() => void>();

/**
 * Calls `listener` soon after an event is recorded or a delivery is made due in this
 * process, so the worker starts at once instead of at its next poll. Returns the unsubscribe.
 */
export function onDeliveryWork(listener: () => void): () => void {
  workListeners.add(listener);
  return () => workListeners.delete(listener);
}

/** Wakes this process's worker soon (an event was recorded, a delivery made due). */
export function announceDeliveryWork(): void {
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
  // A caller that knows the whole snapshot already (the ingest, from its upsert) saves the read.
  const toRead = inputs.filter((input) => input.erratumId !== null && !isWholeSnapshot(input.erratum));
  const snapshots = await erratumSnapshots(
    trx,
    toRead.map((input) => input.erratumId as string),
    toRead
      .filter((input) => input.erratum?.suggestion === undefined)
      .map((input) => input.erratumId as string),
  );
  const rows = inputs.map((input) => {
    const data: OutboxEventData = { ...(input.data ?? {}) };
    const snapshot = input.erratumId === null ? undefined : snapshots.get(input.erratumId);
    if (snapshot) data.erratum = { ...snapshot, ...input.erratum };
    else if (input.erratumId !== null && isWholeSnapshot(input.erratum)) data.erratum = input.erratum;
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
  for (const chunk of insertChunks(trx, rows)) await trx.insertInto('outbox_events').values(chunk).execute();
  announceDeliveryWork();
  return rows.map((row) => row.id);
}

const SNAPSHOT_FIELDS = ['id', 'url', 'title', 'quote', 'status', 'reports', 'suggestion'] as const;

function isWholeSnapshot(snapshot: Partial<ErratumSnapshot> | undefined): snapshot is ErratumSnapshot {
  return snapshot !== undefined && SNAPSHOT_FIELDS.every((field) => snapshot[field] !== undefined);
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
    .where('id', 'in', inListOfShape(unique))
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

/** Each erratum's most suggested correction, ties to the earliest: the first of its suggestions list. */
async function topSuggestions(db: Kysely<Database>, ids: string[]): Promise<Map<string, string>> {
  const best = new Map<string, SuggestionRow>();
  for (const row of await suggestionsOf(db, ids)) {
    const current = best.get(row.erratumId);
    if (
      !current ||
      row.count > current.count ||
      (row.count === current.count && row.firstAt < current.firstAt)
    ) {
      best.set(row.erratumId, row);
    }
  }
  return new Map([...best].map(([id, row]) => [id, row.text]));
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

/** Events whose deliveries are not made yet, oldest first, but for those in `skip`. */
export async function eventsToFanOut(
  db: Kysely<Database>,
  limit: number,
  skip: readonly string[] = [],
): Promise<OutboxEvent[]> {
  let select = db.selectFrom('outbox_events').selectAll().where('fanned_out_at', 'is', null);
  if (skip.length > 0) select = select.where('id', 'not in', [...skip]);
  const rows = await select.orderBy('id').limit(limit).execute();
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
  for (const chunk of insertChunks(trx, deliveries)) {
    await trx
      .insertInto('deliveries')
      .values(
        chunk.map((d) => ({
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
      .where('id', 'in', inListOfShape(fannedOut))
      .where('fanned_out_at', 'is', null)
      .execute();
  }
}

/**
 * Deletes events recorded before `beforeMs` (epoch ms) whose deliveries are all finished
 * (delivered or dead), and those deliveries with them. Ids sort by creation time (ids.ts),
 * so "older than" is a range of the primary key, not a scan.
 */
export async function pruneFinishedEvents(db: Kysely<Database>, beforeMs: number): Promise<number> {
  const idsBefore = newId(beforeMs).slice(0, ID_TIME_CHARS);
  const result = await db
    .deleteFrom('outbox_events')
    .where('id', '<', idsBefore)
    .where('fanned_out_at', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('deliveries')
            .select('deliveries.id')
            .whereRef('deliveries.event_id', '=', 'outbox_events.id')
            .where('deliveries.status', '=', 'pending'),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

import type { Kysely } from 'kysely';
import { skippingLocked } from './row-locks.ts';
import type { Database } from './schema.ts';

/** Times grouping one intake row alone may fail before it is set aside (kept, counted, logged). */
export const INTAKE_MAX_ATTEMPTS = 3;

/** A report as the intake keeps it: its row's keys, and the whole validated report as JSON. */
export interface IntakeEntry<R> {
  id: string;
  siteId: string;
  clientId: string | null;
  createdAt: string;
  report: R;
}

/** A report waiting in the intake, as the grouper takes it. */
export interface IntakeRow<R> {
  id: string;
  report: R;
}

/**
 * The report ids already stored or waiting under the given client ids, keyed by
 * `${site_id}\u001f${client_id}`: a retried send is answered with its first arrival's id.
 */
export async function firstArrivalsOfClientIds(
  db: Kysely<Database>,
  clientIds: readonly string[],
): Promise<Map<string, string>> {
  if (clientIds.length === 0) return new Map();
  const ids = [...new Set(clientIds)];
  const rows = await db
    .selectFrom('reports')
    .select(['id', 'site_id', 'client_id'])
    .where('client_id', 'in', ids)
    .unionAll(
      db.selectFrom('report_intake').select(['id', 'site_id', 'client_id']).where('client_id', 'in', ids),
    )
    .execute();
  return new Map(rows.map((r) => [`${r.site_id}\u001f${r.client_id}`, r.id]));
}

/** Appends acknowledged reports to the intake (in the caller's transaction, or as one statement). */
export async function appendToIntake<R>(
  db: Kysely<Database>,
  entries: readonly IntakeEntry<R>[],
): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('report_intake')
    .values(
      entries.map((entry) => ({
        id: entry.id,
        site_id: entry.siteId,
        client_id: entry.clientId,
        payload: JSON.stringify(entry.report),
        created_at: entry.createdAt,
      })),
    )
    .execute();
}

/**
 * Takes up to `limit` waiting reports, oldest first, locked until the transaction ends; on
 * PostgreSQL rows another instance is grouping are skipped. With `ids`, only those rows.
 */
export async function takeFromIntake<R>(
  trx: Kysely<Database>,
  limit: number,
  ids?: readonly string[],
): Promise<IntakeRow<R>[]> {
  let query = trx
    .selectFrom('report_intake')
    .select(['id', 'payload'])
    .where('attempts', '<', INTAKE_MAX_ATTEMPTS)
    .orderBy('id')
    .limit(limit);
  if (ids) query = query.where('id', 'in', [...ids]);
  const rows = await skippingLocked(trx, query).execute();
  return rows.map((r) => ({ id: r.id, report: JSON.parse(r.payload) as R }));
}

/** Removes grouped reports from the intake (in the transaction that stored them). */
export async function removeFromIntake(trx: Kysely<Database>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .deleteFrom('report_intake')
    .where('id', 'in', [...ids])
    .execute();
}

/** Counts one failed attempt at grouping a row alone, with its error. */
export async function noteIntakeFailure(db: Kysely<Database>, id: string, error: string): Promise<void> {
  await db
    .updateTable('report_intake')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.slice(0, 2_000) }))
    .where('id', '=', id)
    .execute();
}

/** Reports waiting to be grouped, and those set aside after failing INTAKE_MAX_ATTEMPTS times. */
export async function intakeCounts(db: Kysely<Database>): Promise<{ waiting: number; setAside: number }> {
  const row = await db
    .selectFrom('report_intake')
    .select((eb) => [
      eb.fn.countAll<string | number>().as('total'),
      eb.fn
        .count<string | number>(eb.case().when('attempts', '>=', INTAKE_MAX_ATTEMPTS).then(1).end())
        .as('set_aside'),
    ])
    .executeTakeFirstOrThrow();
  const setAside = Number(row.set_aside);
  return { waiting: Number(row.total) - setAside, setAside };
}

import type { Kysely } from 'kysely';
import { isDuplicateClientId } from './reports-store.ts';
import { skippingLocked } from './row-locks.ts';
import type { Database } from './schema.ts';
import { inListOfShape, insertChunks } from './statement-shapes.ts';
import { inTransaction } from './transaction.ts';

/** Times grouping one intake row alone may fail before it is set aside (kept, counted, logged). */
export const INTAKE_MAX_ATTEMPTS = 3;

/** A report as the intake keeps it: its row's keys, and the whole validated report as JSON. */
export interface IntakeEntry {
  id: string;
  siteId: string;
  clientId: string | null;
  createdAt: string;
  /** JSON of the report (a string crosses to the intake thread as one copy, not an object graph). */
  payload: string;
}

/**
 * The intake as a grouper uses it (domain/report-grouper.ts): `intakeIn` a database's own
 * table, or another file's seen from a grouping thread (domain/grouping-worker.ts).
 */
export interface IntakeQueue {
  /** Up to `limit` waiting reports, oldest first (with `ids`, only those), in the grouping transaction. */
  take<R>(trx: Kysely<Database>, limit: number, ids?: readonly string[]): Promise<IntakeRow<R>[]>;
  /** Removes grouped reports, in the transaction that stored them where the intake is in that database. */
  remove(trx: Kysely<Database>, ids: readonly string[]): Promise<void>;
  /** Counts one failed attempt at grouping a row alone. */
  noteFailure(id: string, error: string): Promise<void>;
  counts(): Promise<{ waiting: number; setAside: number }>;
}

/** The intake table of the database `db`, grouped from in its own transactions. */
export function intakeIn(db: Kysely<Database>): IntakeQueue {
  return {
    take: takeFromIntake,
    remove: removeFromIntake,
    noteFailure: (id, error) => noteIntakeFailure(db, id, error),
    counts: () => intakeCounts(db),
  };
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
  /** Where `db` is an intake file's: the name it reads the database under (intake-file.ts). */
  databaseSchema?: string,
): Promise<Map<string, string>> {
  if (clientIds.length === 0) return new Map();
  const ids = inListOfShape([...new Set(clientIds)]);
  // The schema applies to the query it is set on and those within it: here, the reports only.
  const grouped = (databaseSchema ? db.withSchema(databaseSchema) : db)
    .selectFrom('reports')
    .select(['id', 'site_id', 'client_id'])
    .where('client_id', 'in', ids);
  const rows = await db
    .selectFrom('report_intake')
    .select(['id', 'site_id', 'client_id'])
    .where('client_id', 'in', ids)
    .unionAll(grouped)
    .execute();
  return new Map(rows.map((r) => [`${r.site_id}\u001f${r.client_id}`, r.id]));
}

/** A report as acknowledged: its id (the first arrival's for a repeat), and whether it was a repeat. */
export interface Acknowledged {
  reportId: string;
  /** True when its clientId was acknowledged before: nothing new was stored. */
  repeat: boolean;
}

/**
 * Acknowledges a batch into the intake, in one transaction: a report whose clientId was
 * acknowledged before (grouped, or waiting here), or earlier in the batch, is a repeat and gets
 * the first arrival's id; the others are appended. Resolves once the transaction is durable.
 */
export async function acknowledgeIntoIntake(
  db: Kysely<Database>,
  entries: readonly IntakeEntry[],
  /** Where `db` is an intake file's: the name it reads the database under (intake-file.ts). */
  databaseSchema?: string,
): Promise<Acknowledged[]> {
  const acknowledge = () =>
    inTransaction(db, async (trx) => {
      const known = await firstArrivalsOfClientIds(
        trx,
        entries.flatMap((entry) => entry.clientId ?? []),
        databaseSchema,
      );
      const answers = entries.map((entry): Acknowledged => {
        const key = entry.clientId === null ? null : `${entry.siteId}\u001f${entry.clientId}`;
        const first = key === null ? undefined : known.get(key);
        if (first !== undefined) return { reportId: first, repeat: true };
        if (key !== null) known.set(key, entry.id);
        return { reportId: entry.id, repeat: false };
      });
      await appendToIntake(
        trx,
        entries.filter((_, index) => !answers[index]!.repeat),
      );
      return answers;
    });
  // A resend whose first arrival another batch (or instance) was storing at the same moment
  // meets its client id in the unique index: that one is stored now, and once more this one
  // is a repeat. Without this the resend failed, and the widget waited 30 s.
  return acknowledge().catch((error: unknown) => {
    if (isDuplicateClientId(error)) return acknowledge();
    throw error;
  });
}

/** Appends acknowledged reports to the intake (in the caller's transaction, or as one statement). */
export async function appendToIntake(db: Kysely<Database>, entries: readonly IntakeEntry[]): Promise<void> {
  if (entries.length === 0) return;
  for (const chunk of insertChunks(db, entries)) {
    await db
      .insertInto('report_intake')
      .values(
        chunk.map((entry) => ({
          id: entry.id,
          site_id: entry.siteId,
          client_id: entry.clientId,
          payload: entry.payload,
          created_at: entry.createdAt,
        })),
      )
      .execute();
  }
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
  if (ids) query = query.where('id', 'in', inListOfShape(ids));
  const rows = await skippingLocked(trx, query).execute();
  return rows.map((r) => ({ id: r.id, report: JSON.parse(r.payload) as R }));
}

/** The ids of up to `limit` waiting reports, oldest first (with `ids`, of those only): what takeFromIntake would take, unread. */
export async function waitingIntakeIds(
  db: Kysely<Database>,
  limit: number,
  ids?: readonly string[],
): Promise<string[]> {
  let query = db
    .selectFrom('report_intake')
    .select('id')
    .where('attempts', '<', INTAKE_MAX_ATTEMPTS)
    .orderBy('id')
    .limit(limit);
  if (ids) query = query.where('id', 'in', inListOfShape(ids));
  return (await query.execute()).map((r) => r.id);
}

/** Removes grouped reports from the intake (in the transaction that stored them). */
export async function removeFromIntake(trx: Kysely<Database>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await trx.deleteFrom('report_intake').where('id', 'in', inListOfShape(ids)).execute();
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

/** Rows moved at once between two intakes. */
const MOVE_CHUNK = 500;

/**
 * Moves every row of one intake into another (the database's table and an intake file, either
 * way: a restored backup's waiting reports into the file the server groups from, the file's into
 * the database before its data moves elsewhere). A row already in `to` is kept as it is there,
 * so a move cut short is finished by the next; returns how many rows were moved.
 */
export async function moveIntake(from: Kysely<Database>, to: Kysely<Database>): Promise<number> {
  let moved = 0;
  for (;;) {
    const rows = await from.selectFrom('report_intake').selectAll().orderBy('id').limit(MOVE_CHUNK).execute();
    if (rows.length === 0) return moved;
    await to
      .insertInto('report_intake')
      .values(rows)
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await removeFromIntake(
      from,
      rows.map((r) => r.id),
    );
    moved += rows.length;
  }
}

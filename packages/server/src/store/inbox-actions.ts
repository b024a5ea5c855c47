import type { Kysely } from 'kysely';
import { recordOutboxEvent } from './outbox-store.ts';
import type { Database } from './schema.ts';

/** Whether the user may be assigned errata of the site: a member with the editor or owner role. */
export async function isAssignableMember(
  db: Kysely<Database>,
  siteId: string,
  userId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('members')
    .select('role')
    .where('site_id', '=', siteId)
    .where('user_id', '=', userId)
    .where('role', 'in', ['editor', 'owner'])
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Assigns an erratum (or unassigns it, with null) and records it in its history and the
 * outbox, in one transaction. Returns false when the erratum does not exist; does nothing
 * (and returns true) when it is assigned so already.
 */
export async function assignErratum(
  db: Kysely<Database>,
  change: { id: string; assigneeId: string | null; actorId: string | null; eventId: string; now: string },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('errata')
      .select(['site_id', 'assignee_id'])
      .where('id', '=', change.id)
      .executeTakeFirst();
    if (!current) return false;
    if (current.assignee_id === change.assigneeId) return true;
    await trx
      .updateTable('errata')
      .set({ assignee_id: change.assigneeId })
      .where('id', '=', change.id)
      .execute();
    const assignee =
      change.assigneeId === null
        ? null
        : ((await trx
            .selectFrom('users')
            .select(['id', 'email'])
            .where('id', '=', change.assigneeId)
            .executeTakeFirst()) ?? null);
    await trx
      .insertInto('erratum_events')
      .values({
        id: change.eventId,
        erratum_id: change.id,
        site_id: current.site_id,
        actor_id: change.actorId,
        type: 'assigned',
        data: JSON.stringify({ from: current.assignee_id, to: change.assigneeId, assignee }),
        created_at: change.now,
      })
      .execute();
    await recordOutboxEvent(trx, {
      siteId: current.site_id,
      type: 'erratum.assigned',
      erratumId: change.id,
      data: { assignee, actorId: change.actorId },
    });
    return true;
  });
}

/** Adds an editor's note to an erratum's history (and the outbox); false when the erratum does not exist. */
export async function addErratumNote(
  db: Kysely<Database>,
  note: { id: string; erratumId: string; text: string; actorId: string | null; now: string },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const erratum = await trx
      .selectFrom('errata')
      .select('site_id')
      .where('id', '=', note.erratumId)
      .executeTakeFirst();
    if (!erratum) return false;
    await trx
      .insertInto('erratum_events')
      .values({
        id: note.id,
        erratum_id: note.erratumId,
        site_id: erratum.site_id,
        actor_id: note.actorId,
        type: 'note',
        data: JSON.stringify({ text: note.text }),
        created_at: note.now,
      })
      .execute();
    await recordOutboxEvent(trx, {
      siteId: erratum.site_id,
      type: 'erratum.noted',
      erratumId: note.erratumId,
      data: { note: note.text, actorId: note.actorId },
    });
    return true;
  });
}

/**
 * Sets (or, with null, removes) the note the public corrections log shows with an erratum's
 * correction, recording the change in its history in the same transaction. Returns false when
 * the erratum does not exist; records nothing when the note is already so.
 */
export async function setErratumPublicNote(
  db: Kysely<Database>,
  change: { id: string; erratumId: string; note: string | null; actorId: string | null; now: string },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const erratum = await trx
      .selectFrom('errata')
      .select(['site_id', 'public_note'])
      .where('id', '=', change.erratumId)
      .executeTakeFirst();
    if (!erratum) return false;
    if (erratum.public_note === change.note) return true;
    await trx
      .updateTable('errata')
      .set({ public_note: change.note })
      .where('id', '=', change.erratumId)
      .execute();
    await trx
      .insertInto('erratum_events')
      .values({
        id: change.id,
        erratum_id: change.erratumId,
        site_id: erratum.site_id,
        actor_id: change.actorId,
        type: 'public_note',
        data: JSON.stringify({ from: erratum.public_note, to: change.note }),
        created_at: change.now,
      })
      .execute();
    return true;
  });
}

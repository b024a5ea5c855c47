import type { CheckState } from '@errata/core';
import type { Kysely, Selectable } from 'kysely';
import { newId } from '../base/ids.ts';
import { recordOutboxEvent } from './outbox-store.ts';
import { CHECKED_STATUSES, type PageRef } from './page-checks-store.ts';
import type { Database, ErratumTable } from './schema.ts';

export type ErratumRow = Selectable<ErratumTable>;

/** What a check decided for one erratum. */
export interface CheckJudgement {
  state: CheckState;
  /** Why, for a person; null when nothing needs saying. */
  reason: string | null;
  /** The text now where the quote stood, when it was replaced. */
  replacedBy: string | null;
  /** A fixed erratum seen corrected becomes verified. */
  verified: boolean;
}

/** The errata of a page a recheck looks at: open and fixed ones. */
export async function errataToCheck(db: Kysely<Database>, page: PageRef): Promise<ErratumRow[]> {
  return db
    .selectFrom('errata')
    .selectAll()
    .where('site_id', '=', page.siteId)
    .where('url', '=', page.url)
    .where('status', 'in', [...CHECKED_STATUSES])
    .execute();
}

/** How many of these errata are still open or fixed (not verified since, say). */
export async function countStillChecked(db: Kysely<Database>, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const row = await db
    .selectFrom('errata')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', 'in', ids)
    .where('status', 'in', [...CHECKED_STATUSES])
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Stores one check of a page's errata in one transaction: `judge` says what became of each
 * (null: unchanged, only the time of the check is noted). Returns the ids of the errata
 * whose check changed what editors see.
 */
export async function recordErratumChecks(
  db: Kysely<Database>,
  rows: ErratumRow[],
  judge: (row: ErratumRow) => CheckJudgement | null,
  checkedAt: string,
): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const changed: string[] = [];
    for (const row of rows) {
      const judged = judge(row);
      if (judged === null) {
        await trx.updateTable('errata').set({ checked_at: checkedAt }).where('id', '=', row.id).execute();
      } else if (await applyJudgement(trx, row, judged, checkedAt)) {
        changed.push(row.id);
      }
    }
    return changed;
  });
}

/**
 * Stores a judgement; when it changes what editors see, also an audit event ("checked") and,
 * for a verified fix or a fix not on the page, an outbox event, in the caller's transaction.
 * Returns whether anything changed.
 */
async function applyJudgement(
  trx: Kysely<Database>,
  row: ErratumRow,
  judged: CheckJudgement,
  now: string,
): Promise<boolean> {
  // The first look after an editor marked it fixed is news even when it finds what the last one did.
  const firstSinceFixed = row.status === 'fixed' && (row.checked_at ?? '') < (row.status_changed_at ?? '');
  const changed =
    judged.verified ||
    firstSinceFixed ||
    judged.state !== row.check_state ||
    judged.reason !== row.check_reason ||
    judged.replacedBy !== row.replaced_by;
  const updated = await trx
    .updateTable('errata')
    .set({
      check_state: judged.state,
      check_reason: judged.reason,
      replaced_by: judged.replacedBy,
      checked_at: now,
      ...(judged.verified
        ? { status: 'verified', verified_at: now, status_changed_at: now, status_changed_by: null }
        : {}),
    })
    .where('id', '=', row.id)
    // Only over the state this check started from: another check (an instance, a CMS call)
    // that recorded first has said it all, and its events must not be repeated.
    .where('status', '=', row.status)
    .where('checked_at', row.checked_at === null ? 'is' : '=', row.checked_at)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0 || !changed) return false;
  await trx
    .insertInto('erratum_events')
    .values({
      id: newId(),
      erratum_id: row.id,
      site_id: row.site_id,
      actor_id: null,
      type: 'checked',
      data: JSON.stringify({
        verdict: judged.state,
        ...(judged.reason ? { reason: judged.reason } : {}),
        ...(judged.replacedBy !== null ? { replacedBy: judged.replacedBy } : {}),
        ...(judged.verified ? { from: row.status, to: 'verified' } : {}),
      }),
      created_at: now,
    })
    .execute();
  if (judged.verified) {
    await recordOutboxEvent(trx, {
      siteId: row.site_id,
      type: 'erratum.verified',
      erratumId: row.id,
      data: { replacedBy: judged.replacedBy },
    });
  } else if (row.status === 'fixed' && judged.state === 'still_there') {
    await recordOutboxEvent(trx, {
      siteId: row.site_id,
      type: 'erratum.still_present',
      erratumId: row.id,
      data: { reason: judged.reason },
    });
  }
  return true;
}

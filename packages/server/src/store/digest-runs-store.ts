import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Records that the digest of `day` is being sent to an editor for a site, before it is sent.
 * Returns false when it was recorded before (by this or another instance): then it is not
 * sent again. The primary key (user, site, day) makes this one race-free statement.
 */
export async function claimDigestRun(
  db: Kysely<Database>,
  run: { siteId: string; userId: string; day: string; now: string },
): Promise<boolean> {
  const result = await db
    .insertInto('digest_runs')
    .values({ site_id: run.siteId, user_id: run.userId, day: run.day, sent_at: run.now })
    .onConflict((oc) => oc.columns(['user_id', 'site_id', 'day']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Forgets a claimed run whose mail the SMTP server refused, so the next tick tries again. */
export async function forgetDigestRun(
  db: Kysely<Database>,
  run: { siteId: string; userId: string; day: string },
): Promise<void> {
  await db
    .deleteFrom('digest_runs')
    .where('site_id', '=', run.siteId)
    .where('user_id', '=', run.userId)
    .where('day', '=', run.day)
    .execute();
}

/** Deletes the records of digests before `day` (YYYY-MM-DD); only the last weeks' matter. */
export async function pruneDigestRuns(db: Kysely<Database>, day: string): Promise<void> {
  await db.deleteFrom('digest_runs').where('day', '<', day).execute();
}

/** When the editor's last digest for the site before `day` was sent, or null when there was none. */
export async function previousDigestAt(
  db: Kysely<Database>,
  run: { siteId: string; userId: string; day: string },
): Promise<string | null> {
  const row = await db
    .selectFrom('digest_runs')
    .select((eb) => eb.fn.max('sent_at').as('sent_at'))
    .where('site_id', '=', run.siteId)
    .where('user_id', '=', run.userId)
    .where('day', '<', run.day)
    .executeTakeFirst();
  return row?.sent_at ?? null;
}

/** Ids of a site's open errata reported since `since`, most reports first, and how many there are in all. */
export async function recentOpenErrata(
  db: Kysely<Database>,
  siteId: string,
  since: string,
  limit: number,
): Promise<{ ids: string[]; total: number }> {
  const recent = db
    .selectFrom('errata')
    .where('site_id', '=', siteId)
    .where('status', '=', 'open')
    // Readers' reports only: the proofreader's proposals (no report) are not news of the day.
    .where('report_count', '>', 0)
    .where('last_reported_at', '>=', since);
  const [rows, count] = await Promise.all([
    recent
      .select('id')
      .orderBy('report_count', 'desc')
      .orderBy('last_reported_at', 'desc')
      .limit(limit)
      .execute(),
    recent.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { ids: rows.map((r) => r.id), total: Number(count.total) };
}

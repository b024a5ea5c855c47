import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Sites that keep closed errata's reports for a number of days, and how many. */
export async function sitesWithRetention(db: Kysely<Database>): Promise<{ id: string; days: number }[]> {
  const rows = await db
    .selectFrom('sites')
    .select(['id', 'retention_days'])
    .where('retention_days', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, days: Number(r.retention_days) }));
}

/**
 * Up to `limit` reports of a site past retention: made before `cutoff`, of an erratum with one
 * of `statuses` decided before `cutoff` (an erratum closed before decisions were timed counts
 * from its last report). A report that joined a closed erratum later is kept its own days.
 */
export async function reportsPastRetention(
  db: Kysely<Database>,
  siteId: string,
  statuses: readonly string[],
  cutoff: string,
  limit: number,
): Promise<{ id: string; erratumId: string }[]> {
  const rows = await db
    .selectFrom('errata as e')
    .innerJoin('reports as r', 'r.erratum_id', 'e.id')
    .select(['r.id', 'r.erratum_id'])
    .where('e.site_id', '=', siteId)
    .where('e.status', 'in', [...statuses])
    .where((eb) => eb(eb.fn.coalesce('e.status_changed_at', 'e.last_reported_at'), '<', cutoff))
    .where('r.created_at', '<', cutoff)
    .orderBy('r.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, erratumId: r.erratum_id }));
}

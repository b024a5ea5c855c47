import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, PageCheckTable } from './schema.ts';

export type PageCheckRow = Selectable<PageCheckTable>;

/** A page the recheck reads: one site's one (normalised) URL. */
export interface PageRef {
  siteId: string;
  url: string;
}

/** Statuses whose errata a recheck looks at: the mistake may still be, or have just been, corrected. */
export const CHECKED_STATUSES = ['open', 'fixed'] as const;

export async function findPageCheck(db: Kysely<Database>, page: PageRef): Promise<PageCheckRow | null> {
  const row = await db
    .selectFrom('page_checks')
    .selectAll()
    .where('site_id', '=', page.siteId)
    .where('url', '=', page.url)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Schedules a check of every page with an erratum marked fixed and not checked since, for
 * `delayMs` after it was marked (the CMS's cache has usually caught up by then). An earlier
 * time already planned is kept. Works from the errata table, so a fix marked by any route,
 * in bulk or before a restart, is checked all the same.
 */
export async function planChecksOfFixedErrata(db: Kysely<Database>, delayMs: number): Promise<number> {
  const pages = await pagesOfFixedErrata(db).execute();
  for (const page of pages) {
    const fixedAt = String(page.fixed_at);
    const due = new Date(Date.parse(fixedAt) + delayMs).toISOString();
    // A page whose check started after the fix (under way, or it crashed) is left to that check's lease.
    await planCheck(db, { siteId: page.site_id, url: page.url }, due, fixedAt);
  }
  return pages.length;
}

/**
 * The pages with errata marked fixed and not checked since, each with its earliest fix. Read
 * through the index of fixed errata alone (migration 024), which grouping never writes.
 */
export function pagesOfFixedErrata(db: Kysely<Database>) {
  return db
    .selectFrom('errata')
    .select((eb) => ['site_id', 'url', eb.fn.min('status_changed_at').as('fixed_at')])
    .where('status', '=', 'fixed')
    .where('status_changed_at', 'is not', null)
    .where((eb) => eb.or([eb('checked_at', 'is', null), eb('checked_at', '<', eb.ref('status_changed_at'))]))
    .groupBy(['site_id', 'url']);
}

/**
 * Schedules the periodic pass: every page with open or fixed errata and no check planned
 * gets one `intervalMs` from now.
 */
export async function planPeriodicChecks(
  db: Kysely<Database>,
  intervalMs: number,
  now: Date,
): Promise<number> {
  const pages = await db
    .selectFrom('errata')
    .select(['site_id', 'url'])
    .distinct()
    .where('status', 'in', [...CHECKED_STATUSES])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('page_checks')
            .select(sql`1`.as('one'))
            .whereRef('page_checks.site_id', '=', 'errata.site_id')
            .whereRef('page_checks.url', '=', 'errata.url')
            .where('page_checks.next_check_at', 'is not', null),
        ),
      ),
    )
    .execute();
  const due = new Date(now.getTime() + intervalMs).toISOString();
  for (const page of pages) await planCheck(db, { siteId: page.site_id, url: page.url }, due);
  return pages.length;
}

/**
 * Plans a check of the page at `due`, unless one is planned earlier already, or (with
 * `unlessAttemptedSince`) a check of it started at or after that time.
 */
export async function planCheck(
  db: Kysely<Database>,
  page: PageRef,
  due: string,
  unlessAttemptedSince?: string,
): Promise<void> {
  await db
    .insertInto('page_checks')
    .values({
      site_id: page.siteId,
      url: page.url,
      etag: null,
      last_modified: null,
      last_status: null,
      last_error: null,
      next_check_at: due,
      checked_at: null,
    })
    .onConflict((oc) =>
      oc
        .columns(['site_id', 'url'])
        .doUpdateSet({ next_check_at: due })
        .where((eb) =>
          eb.and([
            eb.or([eb('page_checks.next_check_at', 'is', null), eb('page_checks.next_check_at', '>', due)]),
            unlessAttemptedSince === undefined
              ? eb.lit(true)
              : eb.or([
                  eb('page_checks.checked_at', 'is', null),
                  eb('page_checks.checked_at', '<', unlessAttemptedSince),
                ]),
          ]),
        ),
    )
    .execute();
}

/**
 * Takes up to `limit` pages due by `now` for this instance: each one's next check is moved
 * `leaseMs` ahead in the same conditional update, so another instance (or the next tick)
 * does not take it too; the check's outcome then sets the real next time. Pages of the sites
 * in `exceptSites` are left due, untouched, for when they may be checked again.
 */
export async function claimDuePages(
  db: Kysely<Database>,
  now: Date,
  limit: number,
  leaseMs: number,
  exceptSites: readonly string[] = [],
): Promise<PageCheckRow[]> {
  const nowIso = now.toISOString();
  let query = db.selectFrom('page_checks').selectAll().where('next_check_at', '<=', nowIso);
  if (exceptSites.length > 0) query = query.where('site_id', 'not in', exceptSites);
  const due = await query.orderBy('next_check_at').limit(limit).execute();
  const leasedUntil = new Date(now.getTime() + leaseMs).toISOString();
  const claimed: PageCheckRow[] = [];
  for (const row of due) {
    const result = await db
      .updateTable('page_checks')
      // checked_at marks the attempt as started: planning leaves a page under way alone.
      .set({ next_check_at: leasedUntil, checked_at: nowIso })
      .where('site_id', '=', row.site_id)
      .where('url', '=', row.url)
      .where('next_check_at', '=', row.next_check_at)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) claimed.push(row);
  }
  return claimed;
}

/** Moves a page's next check to `due`, later or earlier. */
export async function postponeCheck(db: Kysely<Database>, page: PageRef, due: string): Promise<void> {
  await db
    .updateTable('page_checks')
    .set({ next_check_at: due })
    .where('site_id', '=', page.siteId)
    .where('url', '=', page.url)
    .execute();
}

/** What one fetch of a page came to, recorded on its page_checks row. */
export interface PageCheckResult {
  checkedAt: string;
  /** HTTP status, or null when none answered. */
  status: number | null;
  /** Why it failed; null on success. */
  error: string | null;
  /** New validators after a page arrived; undefined keeps the stored ones (a 304, a failure). */
  validators?: { etag: string | null; lastModified: string | null };
  /** When to check again; null when the page has nothing left to check. */
  nextCheckAt: string | null;
}

export async function recordPageCheck(
  db: Kysely<Database>,
  page: PageRef,
  result: PageCheckResult,
): Promise<void> {
  const failed = result.error !== null;
  const values = {
    last_status: result.status,
    last_error: result.error,
    next_check_at: result.nextCheckAt,
    checked_at: result.checkedAt,
    ...(result.validators
      ? { etag: result.validators.etag, last_modified: result.validators.lastModified }
      : {}),
  };
  await db
    .insertInto('page_checks')
    .values({
      site_id: page.siteId,
      url: page.url,
      etag: null,
      last_modified: null,
      ...values,
      failures: failed ? 1 : 0,
    })
    .onConflict((oc) =>
      oc.columns(['site_id', 'url']).doUpdateSet((eb) => ({
        ...values,
        failures: failed ? eb('page_checks.failures', '+', 1) : 0,
      })),
    )
    .execute();
}

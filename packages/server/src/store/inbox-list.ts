import { type ErrataSort, type Erratum, type InboxFilter, normalizeText } from '@errata/core';
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { withReaderText } from './errata-store.ts';
import type { Database } from './schema.ts';
import { searchCondition } from './search-dialect.ts';

/** Which of a site's errata the inbox shows: core's InboxFilter (its meaning) within one site. */
export type SiteInboxFilter = InboxFilter & { siteId: string };

/** Where a page of the inbox continues: the last item's sort key and id. */
export interface InboxPosition {
  key: number | string;
  id: string;
}

/** How each order sorts: its column, and whether the largest comes first. */
const ORDERS = {
  priority: { column: 'priority', descending: true },
  newest: { column: 'last_reported_at', descending: true },
  oldest: { column: 'first_reported_at', descending: false },
  reports: { column: 'report_count', descending: true },
} as const satisfies Record<ErrataSort, { column: string; descending: boolean }>;

/**
 * One page of the inbox in the given order, each erratum with its sort key (for the next
 * page's cursor). Each order has an index led by (site_id, status), and priority and newest
 * one led by site_id alone (migration 005), so a page reads its rows in order from the
 * cursor on and stops; the filters are checked on the rows on the way. The priority and
 * oldest-first indexes end with last_reported_at (migration 014): a date filter against the
 * order ("to two months ago", newest first) skips the rows it refuses in the index alone.
 *
 * Full-text search goes through a trigram index (store/search-dialect.ts, where SQLite's and
 * PostgreSQL's differ): a search for a rare word, or for one nobody wrote, reads the few
 * errata holding it, not the site; a common word reads the site in order as the filters do,
 * and finds a page at once. The search stays within the site and combines with every filter
 * and the cursor; the answers are the same on both databases (core's matchesInboxFilter).
 */
export async function listInbox(
  db: Kysely<Database>,
  filter: SiteInboxFilter,
  sort: ErrataSort,
  after: InboxPosition | undefined,
  limit: number,
): Promise<{ erratum: Erratum; key: number | string }[]> {
  const order = ORDERS[sort];
  let select = db.selectFrom('errata').selectAll().where('site_id', '=', filter.siteId);
  const statuses = filter.statuses;
  if (statuses) {
    select =
      statuses.length === 1
        ? select.where('status', '=', statuses[0] as string)
        : select.where('status', 'in', statuses.length > 0 ? [...statuses] : ['']);
  }
  if (filter.kind !== undefined) select = select.where('kind', '=', filter.kind);
  if (filter.desk !== undefined) select = select.where('desk', '=', filter.desk);
  if (filter.source !== undefined) select = select.where('source', '=', filter.source);
  const assignee = filter.assignee;
  if (assignee) {
    select =
      'none' in assignee
        ? select.where('assignee_id', 'is', null)
        : select.where('assignee_id', '=', assignee.userId);
  }
  if (filter.from !== undefined) select = select.where('last_reported_at', '>=', filter.from);
  if (filter.before !== undefined) select = select.where('last_reported_at', '<', filter.before);
  if (filter.hasSuggestion !== undefined) {
    const withSuggestion = (eb: ExpressionBuilder<Database, 'errata'>) =>
      eb.exists(
        eb
          .selectFrom('reports')
          .select(sql.lit(1).as('one'))
          .whereRef('reports.erratum_id', '=', 'errata.id')
          .where('reports.suggestion_key', 'is not', null),
      );
    select = select.where((eb) => (filter.hasSuggestion ? withSuggestion(eb) : eb.not(withSuggestion(eb))));
  }
  const search = filter.search === undefined ? '' : normalizeText(filter.search);
  if (search !== '') select = select.where(await searchCondition(db, search));
  if (after) {
    // A row-value comparison: both SQLite and PostgreSQL turn it into one range of the index.
    select = select.where((eb) =>
      eb(eb.refTuple(order.column, 'id'), order.descending ? '<' : '>', eb.tuple(after.key, after.id)),
    );
  }
  const direction = order.descending ? 'desc' : 'asc';
  const rows = await select.orderBy(order.column, direction).orderBy('id', direction).limit(limit).execute();
  const errata = await withReaderText(db, rows);
  return rows.map((row, index) => ({
    erratum: errata[index] as Erratum,
    key:
      order.column === 'priority' || order.column === 'report_count'
        ? Number(row[order.column])
        : row[order.column],
  }));
}

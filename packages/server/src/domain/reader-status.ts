import type { ReportStatusAnswer } from '@errata/core';
import type { Kysely } from 'kysely';
import type { Store } from '../store/open-store.ts';
import type { Database } from '../store/schema.ts';
import { findSiteByPublicKey } from '../store/sites-store.ts';
import { ErrataError } from './errors.ts';

/** POST /api/v1/reports/status: the corrected ones among a reader's reports of the site the embed names. */
export async function readerStatus(
  store: Store,
  query: { site: string; ids: readonly string[] },
): Promise<ReportStatusAnswer> {
  const site = await findSiteByPublicKey(store.db, query.site);
  if (!site) throw new ErrataError('forbidden', `Unknown site "${query.site}": check the embed's data-site.`);
  return correctedReports(store.db, site.id, query.ids);
}

/**
 * Which of the given reports of a site had their mistake corrected: the erratum is verified,
 * or marked fixed and no check since saw the mistake still on the page. Only the asked ids
 * are looked at, and only within the site, so the answer tells a reader nothing beyond their own reports.
 */
export async function correctedReports(
  db: Kysely<Database>,
  siteId: string,
  ids: readonly string[],
): Promise<ReportStatusAnswer> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return { corrected: [] };
  const rows = await db
    .selectFrom('reports')
    .innerJoin('errata', 'errata.id', 'reports.erratum_id')
    .select(['reports.id', 'reports.quote_exact', 'errata.status', 'errata.replaced_by'])
    .where('reports.site_id', '=', siteId)
    .where('reports.id', 'in', unique)
    .where((eb) =>
      eb.or([
        eb('errata.status', '=', 'verified'),
        eb.and([
          eb('errata.status', '=', 'fixed'),
          // A check from before the fix says nothing about it; one since that saw the mistake does.
          eb.not(
            eb.and([
              eb('errata.check_state', '=', 'still_there'),
              eb('errata.checked_at', '>=', eb.ref('errata.status_changed_at')),
            ]),
          ),
        ]),
      ]),
    )
    .orderBy('reports.id')
    .execute();
  return {
    corrected: rows.map((row) => ({
      id: row.id,
      quote: row.quote_exact,
      correction: row.status === 'verified' ? row.replaced_by : null,
    })),
  };
}

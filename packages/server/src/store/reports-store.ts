import type { ErratumStatus } from '@errata/core';
import type { Insertable, Kysely } from 'kysely';
import type { Database, ReportTable } from './schema.ts';

/** A validated report ready to store: its row (all but the erratum) and its spot's fingerprint. */
export interface ReportToStore {
  row: Omit<Insertable<ReportTable>, 'erratum_id'>;
  /** SHA-256 of the spot key; with site_id it names the erratum. */
  fingerprint: string;
  /** The normalised page URL, stored on a new erratum. */
  pageUrl: string;
  /** Id for the erratum if this report creates it. */
  newErratumId: string;
}

/** What one stored report joined. */
export interface StoredReport {
  reportId: string;
  erratumId: string;
  /** The erratum's report count including this report (and earlier ones in the same batch). */
  reports: number;
  status: ErratumStatus;
}

/**
 * Stores a batch of reports in one transaction: one multi-row upsert of their errata
 * (duplicates within the batch merged first, since one statement cannot update a row twice)
 * and one multi-row insert of the reports. Returns a receipt per report, in order.
 */
export async function storeReportBatch(
  db: Kysely<Database>,
  batch: ReportToStore[],
): Promise<StoredReport[]> {
  const spots = new Map<string, { first: ReportToStore; members: number[]; last: ReportToStore }>();
  batch.forEach((report, index) => {
    const key = `${report.row.site_id}\u001f${report.fingerprint}`;
    const spot = spots.get(key);
    if (spot) {
      spot.members.push(index);
      spot.last = report;
    } else {
      spots.set(key, { first: report, members: [index], last: report });
    }
  });

  return db.transaction().execute(async (trx) => {
    const errata = await trx
      .insertInto('errata')
      .values(
        [...spots.values()].map(({ first, last, members }) => ({
          id: first.newErratumId,
          site_id: first.row.site_id,
          fingerprint: first.fingerprint,
          url: first.pageUrl,
          title: last.row.title ?? null,
          lang: first.row.lang ?? null,
          quote_exact: first.row.quote_exact,
          quote_prefix: first.row.quote_prefix,
          quote_suffix: first.row.quote_suffix,
          position_start: first.row.position_start,
          position_end: first.row.position_end,
          status: 'open',
          report_count: members.length,
          first_reported_at: first.row.created_at,
          last_reported_at: last.row.created_at,
          status_changed_at: null,
          status_changed_by: null,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['site_id', 'fingerprint']).doUpdateSet((eb) => ({
          report_count: eb('errata.report_count', '+', eb.ref('excluded.report_count')),
          last_reported_at: eb.ref('excluded.last_reported_at'),
          title: eb.ref('excluded.title'),
        })),
      )
      .returning(['id', 'site_id', 'fingerprint', 'report_count', 'status'])
      .execute();

    const byKey = new Map(errata.map((e) => [`${e.site_id}\u001f${e.fingerprint}`, e]));
    const receipts: StoredReport[] = new Array(batch.length);
    for (const [key, spot] of spots) {
      const erratum = byKey.get(key);
      if (!erratum) throw new Error(`upsert returned no erratum for ${key}`);
      const before = erratum.report_count - spot.members.length;
      spot.members.forEach((index, order) => {
        receipts[index] = {
          reportId: batch[index]!.row.id,
          erratumId: erratum.id,
          reports: before + order + 1,
          status: erratum.status as ErratumStatus,
        };
      });
    }

    await trx
      .insertInto('reports')
      .values(batch.map((report, index) => ({ ...report.row, erratum_id: receipts[index]!.erratumId })))
      .execute();
    return receipts;
  });
}

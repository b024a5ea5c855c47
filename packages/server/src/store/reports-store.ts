import {
  type ErratumStatus,
  isSameSpot,
  priorityOf,
  SEARCH_TEXT_SEPARATOR,
  type Spot,
  searchTextOf,
} from '@errata/core';
import { type Insertable, type Kysely, sql } from 'kysely';
import { FINAL_STATUSES, pageTextChanged, reopenForChangedPage } from './inbox-decision.ts';
import { desksOfSites } from './inbox-sites.ts';
import { type OutboxRecord, recordOutboxEvents } from './outbox-store.ts';
import { addReaderContacts, type ReaderContactToStore } from './reader-contacts-store.ts';
import type { Database, ReportTable } from './schema.ts';

/** A validated report ready to store: its row (all but the erratum) and its spot's fingerprint. */
export interface ReportToStore {
  row: Omit<Insertable<ReportTable>, 'erratum_id' | 'ordinal'>;
  /** SHA-256 of the spot key; with site_id it names the erratum. */
  fingerprint: string;
  /** The normalised page URL, stored on a new erratum. */
  pageUrl: string;
  /** Id for the erratum if this report creates it. */
  newErratumId: string;
  /** The reader's address for one thank-you, kept in the report's transaction (reader-contacts-store.ts). */
  readerContact?: ReaderContactToStore;
}

/** An erratum already stored on a page a batch reports on. */
interface KnownErratum {
  id: string;
  status: string;
  quote: { exact: string; prefix: string; suffix: string };
  decided: { prefix: string | null; suffix: string | null };
}

/** What one stored report joined. */
export interface StoredReport {
  reportId: string;
  erratumId: string;
  /** The erratum's report count including this report (and earlier ones in the same batch). */
  reports: number;
  status: ErratumStatus;
  /** True when this report's client id was stored before: nothing new was stored or counted. */
  repeat: boolean;
}

/**
 * Stores a batch of reports in one transaction: one multi-row upsert of their errata
 * (duplicates within the batch merged first, since one statement cannot update a row twice)
 * and one multi-row insert of the reports. A report whose client id is stored already (a
 * retried send), or appears earlier in the batch, is not stored again: it gets the first
 * arrival's receipt, marked as a repeat. Returns a receipt per report, in order.
 */
export async function storeReportBatch(
  db: Kysely<Database>,
  batch: ReportToStore[],
): Promise<StoredReport[]> {
  return db.transaction().execute(async (trx) => {
    const receipts: (StoredReport | undefined)[] = new Array(batch.length);
    const firstOfClient = new Map<string, number>();
    const repeats: [index: number, first: number][] = [];
    const stored = await storedByClientId(trx, batch);
    const fresh: number[] = [];
    for (const [index, report] of batch.entries()) {
      const clientKey = report.row.client_id ? `${report.row.site_id}\u001f${report.row.client_id}` : null;
      const before = clientKey === null ? undefined : stored.get(clientKey);
      const first = clientKey === null ? undefined : firstOfClient.get(clientKey);
      if (before) {
        receipts[index] = { ...before, repeat: true };
      } else if (first !== undefined) {
        repeats.push([index, first]);
      } else {
        if (clientKey !== null) firstOfClient.set(clientKey, index);
        fresh.push(index);
      }
    }

    if (fresh.length > 0) await storeFresh(trx, batch, fresh, receipts);
    for (const [index, first] of repeats)
      receipts[index] = { ...(receipts[first] as StoredReport), repeat: true };
    return receipts as StoredReport[];
  });
}

/** Receipts of reports stored before under the batch's client ids, keyed by site and client id. */
async function storedByClientId(
  db: Kysely<Database>,
  batch: ReportToStore[],
): Promise<Map<string, StoredReport>> {
  const clientIds = [...new Set(batch.map((r) => r.row.client_id).filter((id): id is string => Boolean(id)))];
  if (clientIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('reports')
    .innerJoin('errata', 'errata.id', 'reports.erratum_id')
    .select([
      'reports.id',
      'reports.site_id',
      'reports.client_id',
      'reports.erratum_id',
      'reports.ordinal',
      'errata.status',
    ])
    .where('reports.client_id', 'in', clientIds)
    .execute();
  return new Map(
    rows.map((r) => [
      `${r.site_id}\u001f${r.client_id}`,
      {
        reportId: r.id,
        erratumId: r.erratum_id,
        reports: Number(r.ordinal),
        status: r.status as ErratumStatus,
        repeat: true,
      },
    ]),
  );
}

async function storeFresh(
  trx: Kysely<Database>,
  batch: ReportToStore[],
  fresh: number[],
  receipts: (StoredReport | undefined)[],
): Promise<void> {
  const known = await joinOverlappingSpots(trx, batch, fresh);
  const spots = new Map<string, { first: ReportToStore; members: number[]; last: ReportToStore }>();
  for (const index of fresh) {
    const report = batch[index] as ReportToStore;
    const key = `${report.row.site_id}\u001f${report.fingerprint}`;
    const spot = spots.get(key);
    if (spot) {
      spot.members.push(index);
      spot.last = report;
    } else {
      spots.set(key, { first: report, members: [index], last: report });
    }
  }

  const desks = await desksOfSites(trx, [...new Set([...spots.values()].map((s) => s.first.row.site_id))]);
  const errata = await trx
    .insertInto('errata')
    .values(
      [...spots.entries()].map(([key, { first, last, members }]) => ({
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
        root_selector: first.row.root_selector ?? null,
        root_index: first.row.root_index ?? null,
        status: 'open',
        report_count: members.length,
        first_reported_at: first.row.created_at,
        last_reported_at: last.row.created_at,
        status_changed_at: null,
        status_changed_by: null,
        kind: first.row.kind ?? 'typo',
        desk: desks.get(first.row.site_id)?.[first.row.kind ?? 'typo'] ?? null,
        priority: priorityOf(members.length, last.row.created_at),
        search_text: searchTextOfSpot(batch, members, known.has(key)),
      })),
    )
    .onConflict((oc) =>
      oc.columns(['site_id', 'fingerprint']).doUpdateSet((eb) => ({
        report_count: eb('errata.report_count', '+', eb.ref('excluded.report_count')),
        last_reported_at: eb.ref('excluded.last_reported_at'),
        title: eb.ref('excluded.title'),
        // ln(all reports) + t/τ: the batch's own ln(count) is swapped for the total's (inbox-ranking.ts).
        priority: sql<number>`ln(${eb.ref('errata.report_count')} + ${eb.ref('excluded.report_count')}) + ${eb.ref('excluded.priority')} - ln(${eb.ref('excluded.report_count')})`,
        // For a known spot the batch sent only its new suggestions and comments (see searchTextOfSpot).
        // Bounded: a spot reported thousands of times would otherwise rewrite an ever longer row.
        search_text: sql<string>`case when length(${eb.ref('errata.search_text')}) + length(${eb.ref('excluded.search_text')}) <= ${SEARCH_TEXT_MAX} then ${eb.ref('errata.search_text')} || ${eb.ref('excluded.search_text')} else ${eb.ref('errata.search_text')} end`,
      })),
    )
    .returning(['id', 'site_id', 'fingerprint', 'report_count', 'status'])
    .execute();

  const byKey = new Map(errata.map((e) => [`${e.site_id}\u001f${e.fingerprint}`, e]));
  for (const [key, spot] of spots) {
    const erratum = byKey.get(key);
    if (!erratum) throw new Error(`upsert returned no erratum for ${key}`);
    const before = known.get(key);
    if (before && FINAL_STATUSES.includes(before.status)) {
      // A decision is final: a rejected spot's reports join it silently, unless the page changed.
      const decided = {
        exact: before.quote.exact,
        prefix: before.decided.prefix ?? before.quote.prefix,
        suffix: before.decided.suffix ?? before.quote.suffix,
      };
      const changedBy = spot.members
        .map((index) => (batch[index] as ReportToStore).row)
        .find((row) =>
          pageTextChanged(decided, {
            exact: row.quote_exact,
            prefix: row.quote_prefix,
            suffix: row.quote_suffix,
          }),
        );
      if (changedBy) {
        await reopenForChangedPage(trx, {
          erratumId: erratum.id,
          siteId: erratum.site_id,
          from: before.status,
          reportId: changedBy.id,
          now: changedBy.created_at,
        });
        erratum.status = 'open';
      }
    }
    const earlier = Number(erratum.report_count) - spot.members.length;
    spot.members.forEach((index, order) => {
      receipts[index] = {
        reportId: (batch[index] as ReportToStore).row.id,
        erratumId: erratum.id,
        reports: earlier + order + 1,
        status: erratum.status as ErratumStatus,
        repeat: false,
      };
    });
  }

  await trx
    .insertInto('reports')
    .values(
      fresh.map((index) => {
        const receipt = receipts[index] as StoredReport;
        return {
          ...(batch[index] as ReportToStore).row,
          erratum_id: receipt.erratumId,
          ordinal: receipt.reports,
        };
      }),
    )
    .execute();
  await addReaderContacts(
    trx,
    fresh.flatMap((index) => (batch[index] as ReportToStore).readerContact ?? []),
  );
  await recordOutboxEvents(
    trx,
    fresh.map((index) => reportEvent(batch[index] as ReportToStore, receipts[index] as StoredReport)),
  );
}

/** The outbox event of a stored report: its spot's first report creates the erratum, later ones join it. */
function reportEvent(report: ReportToStore, receipt: StoredReport): OutboxRecord {
  const suggestion = report.row.suggestion ?? null;
  return {
    siteId: report.row.site_id,
    type: receipt.reports === 1 ? 'erratum.created' : 'erratum.reported',
    erratumId: receipt.erratumId,
    data: {
      report: {
        id: report.row.id,
        kind: report.row.kind ?? 'typo',
        suggestion,
        comment: report.row.comment ?? null,
      },
    },
    erratum: { reports: receipt.reports, suggestion },
  };
}

/**
 * Readers select more or less of the same mistake ("Minks", "in Minks and"), which gives
 * other fingerprints. A report that overlaps an erratum already on its page (or an earlier
 * report of the batch) takes that erratum's fingerprint, so the upsert joins them. Returns
 * the errata already stored on the batch's pages, keyed by site and fingerprint.
 */
async function joinOverlappingSpots(
  trx: Kysely<Database>,
  batch: ReportToStore[],
  fresh: number[],
): Promise<Map<string, KnownErratum>> {
  const stored = new Map<string, KnownErratum>();
  const pages = new Map<string, ReportToStore[]>();
  for (const index of fresh) {
    const report = batch[index] as ReportToStore;
    const key = `${report.row.site_id}\u001f${report.pageUrl}`;
    pages.set(key, [...(pages.get(key) ?? []), report]);
  }
  for (const reports of pages.values()) {
    const rows = await storedNear(trx, reports);
    const siteId = (reports[0] as ReportToStore).row.site_id;
    for (const e of rows) {
      stored.set(`${siteId}\u001f${e.fingerprint}`, {
        id: e.id,
        status: e.status,
        quote: { exact: e.quote_exact, prefix: e.quote_prefix, suffix: e.quote_suffix },
        decided: { prefix: e.decided_prefix, suffix: e.decided_suffix },
      });
    }
    const known: { fingerprint: string; spot: Spot }[] = rows.map((e) => ({
      fingerprint: e.fingerprint,
      spot: {
        quote: { exact: e.quote_exact, prefix: e.quote_prefix, suffix: e.quote_suffix },
        position: { start: Number(e.position_start), end: Number(e.position_end) },
      },
    }));
    for (const report of reports) {
      const spot = spotOf(report);
      if (!known.some((k) => k.fingerprint === report.fingerprint)) {
        const same = known.find((k) => isSameSpot(k.spot, spot));
        if (same) report.fingerprint = same.fingerprint;
        else known.push({ fingerprint: report.fingerprint, spot });
      }
    }
  }
  return stored;
}

/**
 * How far (in characters of the page's text) from a report an erratum may start and still
 * be compared with it. A reader's window (prefix, quote, suffix) is a few dozen characters, so
 * an erratum it overlaps starts close by; the reach leaves room for the page having shifted
 * between two readers' visits, and keeps a busy page's hundreds of errata out of the comparison.
 */
const OVERLAP_REACH = 1_000;

/**
 * Most characters of an erratum's search text. Suggestions and comments are added as they
 * arrive, so the quote and the early (usually all the distinct) corrections stay searchable;
 * a busy spot's later repeats are not appended.
 */
const SEARCH_TEXT_MAX = 8_000;

/** The errata of one page that the reports may join: their own spots, and those near their places. */
async function storedNear(trx: Kysely<Database>, reports: ReportToStore[]) {
  const first = reports[0] as ReportToStore;
  const from = Math.min(...reports.map((r) => r.row.position_start)) - OVERLAP_REACH;
  const to = Math.max(...reports.map((r) => r.row.position_end)) + OVERLAP_REACH;
  const columns = [
    'id',
    'status',
    'decided_prefix',
    'decided_suffix',
    'fingerprint',
    'quote_exact',
    'quote_prefix',
    'quote_suffix',
    'position_start',
    'position_end',
  ] as const;
  const near = await trx
    .selectFrom('errata')
    .select(columns)
    .where('site_id', '=', first.row.site_id)
    .where('url', '=', first.pageUrl)
    .where('position_start', '>=', from)
    .where('position_start', '<=', to)
    .execute();
  const seen = new Set(near.map((e) => e.fingerprint));
  const missing = [...new Set(reports.map((r) => r.fingerprint))].filter((f) => !seen.has(f));
  if (missing.length === 0) return near;
  // A spot stored before the page shifted far: still its own erratum, found by fingerprint.
  const own = await trx
    .selectFrom('errata')
    .select(columns)
    .where('site_id', '=', first.row.site_id)
    .where('fingerprint', 'in', missing)
    .execute();
  return [...near, ...own];
}

/**
 * The search text a batch adds to its spot's erratum: for a new erratum the quote and the
 * suggestions and comments of its reports; for a known one (whose quote is in its search
 * text already) only the new suggestions and comments, led by a space, which the upsert
 * appends. Kept in the batch's transaction, so search never misses a stored report.
 */
function searchTextOfSpot(batch: ReportToStore[], members: number[], known: boolean): string {
  const rows = members.map((index) => (batch[index] as ReportToStore).row);
  const texts = rows.flatMap((row) => [row.suggestion, row.comment]);
  if (!known) return searchTextOf([rows[0]?.quote_exact, ...texts]);
  const added = searchTextOf(texts);
  return added === '' ? '' : `${SEARCH_TEXT_SEPARATOR}${added}`;
}

function spotOf(report: ReportToStore): Spot {
  return {
    quote: {
      exact: report.row.quote_exact,
      prefix: report.row.quote_prefix,
      suffix: report.row.quote_suffix,
    },
    position: { start: report.row.position_start, end: report.row.position_end },
  };
}

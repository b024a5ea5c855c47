import {
  type ErratumStatus,
  isFinalStatus,
  priorityOf,
  SEARCH_TEXT_SEPARATOR,
  type Spot,
  sameSpotAs,
  searchTextOf,
} from '@errata/core';
import type { Kysely } from 'kysely';
import { newId } from '../base/ids.ts';
import { desksOfSites } from '../store/inbox-sites.ts';
import { type OutboxRecord, recordOutboxEvents } from '../store/outbox-store.ts';
import { enqueueFirstReportedPages } from '../store/proofread-store.ts';
import { addReaderContacts, type ReaderContactToStore } from '../store/reader-contacts-store.ts';
import {
  type ErratumToUpsert,
  insertReports,
  type ReportRow,
  type StoredSpot,
  spotsByFingerprint,
  spotsNear,
  storedReceipts,
  type UpsertedErratum,
  upsertErrata,
} from '../store/reports-store.ts';
import { lockPages } from '../store/row-locks.ts';
import type { Database } from '../store/schema.ts';
import { pageTextChanged, reopenForChangedPage } from './decisions.ts';

/** A validated report ready to store: its row (all but the erratum) and its spot's fingerprint. */
export interface ReportToStore {
  row: ReportRow;
  /** SHA-256 of the spot key; with site_id it names the erratum. */
  fingerprint: string;
  /** The normalised page URL, stored on a new erratum. */
  pageUrl: string;
  /** Id for the erratum if this report creates it. */
  newErratumId: string;
  /** The reader's address for one thank-you, kept in the report's transaction (reader-contacts-store.ts). */
  readerContact?: ReaderContactToStore;
  /** Why spam scoring held the report (spam-score.ts): its erratum goes to the Spam view, it is told to no one. */
  held?: string[];
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

/** The reports of one spot in a batch: the first names a new erratum, the last its newest title. */
interface SpotInBatch {
  first: ReportToStore;
  last: ReportToStore;
  members: number[];
}

const siteKey = (siteId: string, name: string) => `${siteId}\u001f${name}`;

/**
 * Stores a batch of reports in one transaction: the errata of their spots (created, or added
 * to) and the reports, their readers' addresses and their outbox events. A report whose client
 * id is stored already (a retried send), or appears earlier in the batch, is not stored again:
 * it gets the first arrival's receipt, marked as a repeat. Returns a receipt per report, in order.
 */
export async function storeReportBatch(
  db: Kysely<Database>,
  batch: ReportToStore[],
): Promise<StoredReport[]> {
  return db.transaction().execute((trx) => storeReportBatchIn(trx, batch));
}

/** storeReportBatch within the caller's transaction (the grouper's, which also empties the intake). */
export async function storeReportBatchIn(
  trx: Kysely<Database>,
  batch: ReportToStore[],
): Promise<StoredReport[]> {
  const receipts: (StoredReport | undefined)[] = new Array(batch.length);
  const firstOfClient = new Map<string, number>();
  const repeats: [index: number, first: number][] = [];
  const stored = await storedByClientId(trx, batch);
  const fresh: number[] = [];
  for (const [index, report] of batch.entries()) {
    const clientKey = report.row.client_id ? siteKey(report.row.site_id, report.row.client_id) : null;
    const before = clientKey === null ? undefined : stored.get(clientKey);
    const first = clientKey === null ? undefined : firstOfClient.get(clientKey);
    if (before) {
      receipts[index] = before;
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
}

/** Receipts of reports stored before under the batch's client ids, keyed by site and client id. */
async function storedByClientId(
  db: Kysely<Database>,
  batch: ReportToStore[],
): Promise<Map<string, StoredReport>> {
  const clientIds = [...new Set(batch.map((r) => r.row.client_id).filter((id): id is string => Boolean(id)))];
  const rows = await storedReceipts(db, 'client_id', clientIds);
  return new Map(
    rows.map((r) => [
      siteKey(r.siteId, r.clientId as string),
      { reportId: r.reportId, erratumId: r.erratumId, reports: r.ordinal, status: r.status, repeat: true },
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
  const spots = new Map<string, SpotInBatch>();
  for (const index of fresh) {
    const report = batch[index] as ReportToStore;
    const key = siteKey(report.row.site_id, report.fingerprint);
    const spot = spots.get(key);
    if (spot) {
      spot.members.push(index);
      spot.last = report;
    } else {
      spots.set(key, { first: report, members: [index], last: report });
    }
  }

  const desks = await desksOfSites(trx, [...new Set([...spots.values()].map((s) => s.first.row.site_id))]);
  const errata = await upsertErrata(
    trx,
    [...spots.entries()].map(([key, spot]) =>
      erratumOfSpot(batch, spot, known.get(key), desks.get(spot.first.row.site_id)),
    ),
    SEARCH_TEXT_MAX,
  );

  const byKey = new Map(errata.map((e) => [siteKey(e.siteId, e.fingerprint), e]));
  const byId = new Map(errata.map((e) => [e.id, e]));
  const heldNow: ErratumHeld[] = [];
  const newOnPage = new Map<string, { siteId: string; url: string; newErratumIds: string[] }>();
  // A page where a stored erratum was found had its first report before: it needs no look-up for that.
  const pagesReportedBefore = new Set([...known.values()].map((e) => siteKey(e.siteId, e.url)));
  for (const [key, spot] of spots) {
    const erratum = byKey.get(key);
    if (!erratum) throw new Error(`upsert returned no erratum for ${key}`);
    const before = known.get(key);
    if (!before && spot.first.held && erratum.id === spot.first.newErratumId) {
      heldNow.push({ erratumId: erratum.id, siteId: erratum.siteId, report: spot.first });
    }
    const pageKey = siteKey(erratum.siteId, erratum.url);
    if (
      !before &&
      !spot.first.held &&
      erratum.id === spot.first.newErratumId &&
      !pagesReportedBefore.has(pageKey)
    ) {
      const page = newOnPage.get(pageKey) ?? { siteId: erratum.siteId, url: erratum.url, newErratumIds: [] };
      page.newErratumIds.push(erratum.id);
      newOnPage.set(pageKey, page);
    }
    let status = erratum.status;
    // The status the upsert returned, read under its row lock: an editor deciding meanwhile is seen.
    if (before && isFinalStatus(status)) {
      // A decision stays: a rejected spot's reports join it silently, unless the page changed.
      const changedBy = reportShowingPageChange(before, spot, batch);
      if (changedBy) {
        await reopenForChangedPage(trx, {
          erratumId: erratum.id,
          siteId: erratum.siteId,
          from: status,
          reportId: changedBy.id,
          now: changedBy.created_at,
        });
        status = 'open';
      }
    }
    const earlier = erratum.reportCount - spot.members.length;
    spot.members.forEach((index, order) => {
      receipts[index] = {
        reportId: (batch[index] as ReportToStore).row.id,
        erratumId: erratum.id,
        reports: earlier + order + 1,
        status,
        repeat: false,
      };
    });
  }

  await insertReports(
    trx,
    fresh.map((index) => {
      const receipt = receipts[index] as StoredReport;
      return {
        ...(batch[index] as ReportToStore).row,
        erratum_id: receipt.erratumId,
        ordinal: receipt.reports,
      };
    }),
  );
  await addReaderContacts(
    trx,
    fresh.flatMap((index) => (batch[index] as ReportToStore).readerContact ?? []),
  );
  await recordHolds(trx, heldNow);
  // A page's first erratum queues the page for the proofreader, in this transaction (one insert per new page).
  await enqueueFirstReportedPages(trx, [...newOnPage.values()], new Date().toISOString());
  // A held report notifies no one: no webhook, chat message or e-mail counts it.
  await recordOutboxEvents(
    trx,
    fresh
      .flatMap((index) => ((batch[index] as ReportToStore).held ? [] : [index]))
      .map((index) => {
        const receipt = receipts[index] as StoredReport;
        return reportEvent(
          batch[index] as ReportToStore,
          receipt,
          byId.get(receipt.erratumId) as UpsertedErratum,
        );
      }),
  );
}

/** The erratum a spot's reports create, or add to (count, newest title and time, search text). */
function erratumOfSpot(
  batch: ReportToStore[],
  { first, last, members }: SpotInBatch,
  known: StoredSpot | undefined,
  desks: Record<string, string> | undefined,
): ErratumToUpsert {
  const kind = first.row.kind ?? 'typo';
  return {
    ...(first.held
      ? { status: 'spam', status_changed_at: first.row.created_at, held_reasons: JSON.stringify(first.held) }
      : {}),
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
    report_count: members.length,
    first_reported_at: first.row.created_at,
    last_reported_at: last.row.created_at,
    kind,
    desk: desks?.[kind] ?? null,
    priority: priorityOf(members.length, last.row.created_at),
    search_text: searchTextOfSpot(batch, members, known),
  };
}

/** The first of a spot's new reports showing that the page around a decided quote changed. */
function reportShowingPageChange(
  decided: StoredSpot,
  spot: SpotInBatch,
  batch: ReportToStore[],
): ReportRow | undefined {
  const context = {
    exact: decided.quote.exact,
    prefix: decided.decided.prefix ?? decided.quote.prefix,
    suffix: decided.decided.suffix ?? decided.quote.suffix,
  };
  return spot.members
    .map((index) => (batch[index] as ReportToStore).row)
    .find((row) =>
      pageTextChanged(context, {
        exact: row.quote_exact,
        prefix: row.quote_prefix,
        suffix: row.quote_suffix,
      }),
    );
}

/**
 * The outbox event of a stored report: its spot's first report creates the erratum, later ones
 * join it. Its erratum snapshot is the upsert's (the outbox need not read it back), with the
 * count at this report and the status after the batch.
 */
function reportEvent(report: ReportToStore, receipt: StoredReport, erratum: UpsertedErratum): OutboxRecord {
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
    erratum: {
      id: erratum.id,
      url: erratum.url,
      title: erratum.title,
      quote: erratum.quote,
      status: receipt.status,
      reports: receipt.reports,
      suggestion,
    },
  };
}

/**
 * Readers select more or less of the same mistake ("Minks", "in Minks and"), which gives
 * other fingerprints. A report that overlaps an erratum already on its page (or an earlier
 * report of the batch) takes that erratum's fingerprint, so the upsert joins them. Returns
 * the errata the batch's reports may join, keyed by site and fingerprint.
 */
async function joinOverlappingSpots(
  trx: Kysely<Database>,
  batch: ReportToStore[],
  fresh: number[],
): Promise<Map<string, StoredSpot>> {
  const reports = fresh.map((index) => batch[index] as ReportToStore);
  const pageOf = (report: ReportToStore) => siteKey(report.row.site_id, report.pageUrl);
  const pages = groupBy(reports, pageOf);
  // Before reading what is stored: another instance storing a selection on the same page waits,
  // then reads this batch's errata.
  await lockPages(trx, [...pages.keys()]);
  const byFingerprint = await spotsByFingerprint(
    trx,
    uniqueBy(
      reports.map((r) => ({ siteId: r.row.site_id, fingerprint: r.fingerprint })),
      (f) => siteKey(f.siteId, f.fingerprint),
    ),
  );
  // A report whose spot is stored under its fingerprint joins it: only the others need the errata near them.
  const storedFingerprints = new Set(byFingerprint.map((e) => siteKey(e.siteId, e.fingerprint)));
  const near = await spotsNear(
    trx,
    reports
      .filter((report) => !storedFingerprints.has(siteKey(report.row.site_id, report.fingerprint)))
      .map((report) => ({
        siteId: report.row.site_id,
        url: report.pageUrl,
        from: report.row.position_start - OVERLAP_REACH,
        to: report.row.position_end + OVERLAP_REACH,
        window: report.row.quote_prefix + report.row.quote_exact + report.row.quote_suffix,
      })),
  );
  const rows = uniqueBy([...byFingerprint, ...near], (e) => e.id);
  const stored = new Map(rows.map((e) => [siteKey(e.siteId, e.fingerprint), e]));
  // An erratum found by fingerprint on another page (its URL changed) still joins by fingerprint only.
  const storedOnPage = groupBy(rows, (e) => siteKey(e.siteId, e.url));
  for (const [pageKey, onPage] of pages) {
    const known: KnownSpot[] = (storedOnPage.get(pageKey) ?? []).map(knownSpotOf);
    const knownFingerprints = new Set(known.map((k) => k.fingerprint));
    for (const report of onPage) {
      if (knownFingerprints.has(report.fingerprint)) continue;
      const elsewhere = stored.get(siteKey(report.row.site_id, report.fingerprint));
      if (elsewhere) {
        // Its page's other reports may overlap it too.
        known.push(knownSpotOf(elsewhere));
        knownFingerprints.add(report.fingerprint);
        continue;
      }
      const spot = spotOf(report);
      const held = report.held !== undefined;
      const sameAs = sameSpotAs(spot);
      // Held and good-faith reports of one spot stay apart: spam neither hides in nor buries a reader's report.
      const same = known.find((k) => k.held === held && sameAs(k.spot));
      if (same) {
        report.fingerprint = same.fingerprint;
      } else {
        known.push({ fingerprint: report.fingerprint, held, spot });
        knownFingerprints.add(report.fingerprint);
      }
    }
  }
  return stored;
}

/** An erratum stored on a page, or a spot an earlier report of the batch made there. */
interface KnownSpot {
  fingerprint: string;
  held: boolean;
  spot: Spot;
}

function knownSpotOf(e: StoredSpot): KnownSpot {
  return { fingerprint: e.fingerprint, held: e.held, spot: { quote: e.quote, position: e.position } };
}

/**
 * The search text a batch adds to its spot's erratum: for a new erratum the quote and the
 * suggestions and comments of its reports; for a known one (whose quote is in its search
 * text already) only the suggestions and comments it does not hold yet (the hundredth
 * "Rotterdam" adds nothing), led by a separator, which the upsert appends. Kept in the
 * batch's transaction, so search never misses a stored report.
 */
function searchTextOfSpot(batch: ReportToStore[], members: number[], known: StoredSpot | undefined): string {
  const rows = members.map((index) => (batch[index] as ReportToStore).row);
  const texts = rows.flatMap((row) => [row.suggestion, row.comment]);
  if (!known) return searchTextOf([rows[0]?.quote_exact, ...texts]);
  const held = new Set(known.searchText.split(SEARCH_TEXT_SEPARATOR));
  const added = searchTextOf(texts)
    .split(SEARCH_TEXT_SEPARATOR)
    .filter((text) => text !== '' && !held.has(text));
  return added.length === 0 ? '' : `${SEARCH_TEXT_SEPARATOR}${added.join(SEARCH_TEXT_SEPARATOR)}`;
}

/** A new erratum made by held reports, for its history. */
interface ErratumHeld {
  erratumId: string;
  siteId: string;
  report: ReportToStore;
}

/** Says in each held erratum's history that Errata held it, and why (the Spam view's reason). */
async function recordHolds(trx: Kysely<Database>, held: readonly ErratumHeld[]): Promise<void> {
  if (held.length === 0) return;
  await trx
    .insertInto('erratum_events')
    .values(
      held.map((h) => ({
        id: newId(),
        erratum_id: h.erratumId,
        site_id: h.siteId,
        actor_id: null,
        type: 'held_as_spam',
        data: JSON.stringify({ to: 'spam', score: h.report.row.spam_score, reasons: h.report.held }),
        created_at: h.report.row.created_at,
      })),
    )
    .execute();
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

/** Items by key, each list in the items' order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
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

import type { ErratumStatus } from '@errata/core';
import { type Insertable, type Kysely, type RawBuilder, sql } from 'kysely';
import { isPostgres } from './row-locks.ts';
import type { Database, ErratumTable, ReportTable } from './schema.ts';
import { textHolds } from './search-dialect.ts';
import { inListOfShape, insertChunks, type UnionBranch, unionAllInShapes } from './statement-shapes.ts';

/** A report's row as the ingest builds it; the erratum and its ordinal are known once its spot is stored. */
export type ReportRow = Omit<Insertable<ReportTable>, 'erratum_id' | 'ordinal'>;

/** A stored report and what it joined: a reader's send retried, or a receipt looked up. */
export interface StoredReceipt {
  reportId: string;
  siteId: string;
  clientId: string | null;
  erratumId: string;
  /** The report's place in its erratum's count. */
  ordinal: number;
  status: ErratumStatus;
}

/** The reports stored under these report ids, or client ids, with their errata's status now. */
export async function storedReceipts(
  db: Kysely<Database>,
  by: 'id' | 'client_id',
  values: readonly string[],
): Promise<StoredReceipt[]> {
  if (values.length === 0) return [];
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
    .where(`reports.${by}`, 'in', inListOfShape(values))
    .execute();
  return rows.map((r) => ({
    reportId: r.id,
    siteId: r.site_id,
    clientId: r.client_id,
    erratumId: r.erratum_id,
    ordinal: Number(r.ordinal),
    status: r.status as ErratumStatus,
  }));
}

/** An erratum stored on a page, as a new report is compared with it. */
export interface StoredSpot {
  id: string;
  siteId: string;
  url: string;
  fingerprint: string;
  status: ErratumStatus;
  quote: { exact: string; prefix: string; suffix: string };
  position: { start: number; end: number };
  /** The context remembered at a decision against the report (null parts: the quote's own). */
  decided: { prefix: string | null; suffix: string | null };
  /** Its normalised texts (quote, suggestions, comments) joined by line breaks: what a batch need not append again. */
  searchText: string;
  /** Held by spam scoring and not restored: only held reports join it. */
  held: boolean;
}

/**
 * Where a report may meet an erratum stored before it: a stretch of one page's text (in
 * characters) and the reader's window there (prefix, quote and suffix).
 */
export interface ReportStretch {
  siteId: string;
  url: string;
  from: number;
  to: number;
  window: string;
}

/**
 * Most branches of one UNION ALL on SQLite (a power of two, see inFixedShapes; SQLite refuses a
 * compound select of more than 500 terms). A statement of 256 branches was ~100,000 characters:
 * a few of them filled the prepared statements' bound, and were prepared again and again; with
 * 64, a batch runs up to four, and the server’s peak memory under a flood was ~8 MB lower
 * (bench/README.md). PostgreSQL passes a batch's look-ups as arrays instead (spotsJoined).
 */
const BRANCHES_PER_QUERY = 64;

const SPOT_COLUMNS = [
  'id',
  'site_id',
  'url',
  'status',
  'decided_prefix',
  'decided_suffix',
  'fingerprint',
  'quote_exact',
  'quote_prefix',
  'quote_suffix',
  'position_start',
  'position_end',
  'search_text',
  'held_reasons',
] as const;

/**
 * The errata each site holds under the given fingerprints, wherever on the page they start (a
 * spot stored before its page shifted far). One index lookup per fingerprint, joined by UNION
 * ALL (see unionOf).
 */
export function spotsByFingerprint(
  db: Kysely<Database>,
  fingerprints: readonly { siteId: string; fingerprint: string }[],
): Promise<StoredSpot[]> {
  if (!isPostgres(db)) return unionOf(db, BY_FINGERPRINT, fingerprints);
  if (fingerprints.length === 0) return Promise.resolve([]);
  return spotsJoined(
    db,
    sql`unnest(${fingerprints.map((f) => f.siteId)}::text[], ${fingerprints.map((f) => f.fingerprint)}::text[])
      as wanted (site_id, fingerprint)
      on errata.site_id = wanted.site_id and errata.fingerprint = wanted.fingerprint`,
  );
}

/**
 * The errata a report may be grouped with: those starting within its stretch whose quote its
 * window holds (core's sameSpotAs asks that first, so the database drops the rest of a busy
 * page's errata). One index lookup per report, joined by UNION ALL (see unionOf).
 */
export function spotsNear(db: Kysely<Database>, stretches: readonly ReportStretch[]): Promise<StoredSpot[]> {
  if (!isPostgres(db)) return unionOf(db, NEAR, stretches);
  if (stretches.length === 0) return Promise.resolve([]);
  const column = <K extends keyof ReportStretch>(key: K) => stretches.map((stretch) => stretch[key]);
  return spotsJoined(
    db,
    sql`unnest(${column('siteId')}::text[], ${column('url')}::text[], ${column('from')}::int[],
        ${column('to')}::int[], ${column('window')}::text[])
      as near (site_id, url, start_from, start_to, reader_window)
      on errata.site_id = near.site_id and errata.url = near.url
      and errata.position_start between near.start_from and near.start_to
      and ${textHolds(db, sql.ref('near.reader_window'), sql.ref('errata.quote_exact'))}`,
  );
}

/**
 * PostgreSQL: the errata joined with a batch's look-ups, passed as arrays. One plan for any
 * number of them: PostgreSQL plans every statement it is sent, and planning a UNION ALL of
 * 256 branches took 75–97 ms a look-up, most of a grouping transaction (bench/README.md).
 */
async function spotsJoined(db: Kysely<Database>, joined: RawBuilder<unknown>): Promise<StoredSpot[]> {
  const columns = sql.join(SPOT_COLUMNS.map((name) => sql.ref(`errata.${name}`)));
  const { rows } = await sql<SpotRow>`select ${columns} from errata join ${joined}`.execute(db);
  // An erratum two look-ups reach comes twice.
  return [...new Map(rows.map((e) => [e.id, toStoredSpot(e)])).values()];
}

const spotQuery = (db: Kysely<Database>) => db.selectFrom('errata').select(SPOT_COLUMNS);

/** A stretch and a fingerprint that match nothing (no site has an empty id): what fills a shape. */
const NO_STRETCH: ReportStretch = { siteId: '', url: '', from: 0, to: -1, window: '' };
const NO_FINGERPRINT = { siteId: '', fingerprint: '' };

const BY_FINGERPRINT: UnionBranch<{ siteId: string; fingerprint: string }> = {
  name: 'by fingerprint',
  build: (db, f) => spotQuery(db).where('site_id', '=', f.siteId).where('fingerprint', '=', f.fingerprint),
  parametersOf: (f) => [f.siteId, f.fingerprint],
  filler: NO_FINGERPRINT,
};

const NEAR: UnionBranch<ReportStretch> = {
  name: 'near',
  build: (db, p) =>
    spotQuery(db)
      .where('site_id', '=', p.siteId)
      .where('url', '=', p.url)
      .where('position_start', '>=', p.from)
      .where('position_start', '<=', p.to)
      .where(textHolds(db, p.window, sql.ref('quote_exact'))),
  parametersOf: (p) => [p.siteId, p.url, p.from, p.to, p.window],
  filler: NO_STRETCH,
};

/** The errata the branches find (unionAllInShapes), each once: an erratum two reports' stretches reach comes twice. */
async function unionOf<T>(
  db: Kysely<Database>,
  branch: UnionBranch<T>,
  items: readonly T[],
): Promise<StoredSpot[]> {
  const rows = await unionAllInShapes<T, SpotRow>(db, branch, items, BRANCHES_PER_QUERY);
  return [...new Map(rows.map((e) => [e.id, toStoredSpot(e)])).values()];
}

/** An erratum's row as a look-up reads it (SPOT_COLUMNS). */
interface SpotRow {
  id: string;
  site_id: string;
  url: string;
  status: string;
  decided_prefix: string | null;
  decided_suffix: string | null;
  fingerprint: string;
  quote_exact: string;
  quote_prefix: string;
  quote_suffix: string;
  position_start: number;
  position_end: number;
  search_text: string;
  held_reasons: string | null;
}

function toStoredSpot(e: SpotRow): StoredSpot {
  return {
    id: e.id,
    siteId: e.site_id,
    url: e.url,
    fingerprint: e.fingerprint,
    status: e.status as ErratumStatus,
    quote: { exact: e.quote_exact, prefix: e.quote_prefix, suffix: e.quote_suffix },
    position: { start: Number(e.position_start), end: Number(e.position_end) },
    decided: { prefix: e.decided_prefix, suffix: e.decided_suffix },
    searchText: e.search_text,
    held: e.status === 'spam' && e.held_reasons !== null,
  };
}

/** An erratum as a batch of reports creates it, or adds to it when its spot is stored already. */
export type ErratumToUpsert = Pick<
  Insertable<ErratumTable>,
  | 'id'
  | 'site_id'
  | 'fingerprint'
  | 'url'
  | 'title'
  | 'lang'
  | 'quote_exact'
  | 'quote_prefix'
  | 'quote_suffix'
  | 'position_start'
  | 'position_end'
  | 'root_selector'
  | 'root_index'
  | 'report_count'
  | 'first_reported_at'
  | 'last_reported_at'
  | 'kind'
  | 'desk'
  | 'priority'
  | 'search_text'
> &
  Partial<Pick<Insertable<ErratumTable>, 'status' | 'status_changed_at' | 'held_reasons'>>;

/** An erratum as the upsert left it: its total report count, status, and what an event's snapshot shows. */
export interface UpsertedErratum {
  id: string;
  siteId: string;
  fingerprint: string;
  reportCount: number;
  status: ErratumStatus;
  url: string;
  title: string | null;
  quote: string;
}

/**
 * Stores a batch's errata in one multi-row upsert (at most one row per spot: a statement
 * cannot update a row twice). A spot stored already adds the batch's reports to its count,
 * takes the newest title and report time, has its priority recomputed for the new total and
 * gets the batch's search text appended while the whole stays within `searchTextMax`
 * characters.
 */
export async function upsertErrata(
  db: Kysely<Database>,
  errata: readonly ErratumToUpsert[],
  searchTextMax: number,
): Promise<UpsertedErratum[]> {
  // Rows locked in one order (site, fingerprint) by every writer: two batches, or two instances,
  // upserting the same spots never wait on each other in a circle (a deadlock on PostgreSQL).
  const ordered = [...errata].sort((a, b) =>
    a.site_id === b.site_id ? compare(a.fingerprint, b.fingerprint) : compare(a.site_id, b.site_id),
  );
  const rows = [];
  for (const chunk of insertChunks(db, ordered)) {
    rows.push(...(await upsertErrataChunk(db, chunk, searchTextMax)));
  }
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    fingerprint: r.fingerprint,
    reportCount: Number(r.report_count),
    status: r.status as ErratumStatus,
    url: r.url,
    title: r.title,
    quote: r.quote_exact,
  }));
}

function upsertErrataChunk(db: Kysely<Database>, errata: readonly ErratumToUpsert[], searchTextMax: number) {
  return db
    .insertInto('errata')
    .values(
      errata.map((e) => ({
        ...e,
        status: e.status ?? 'open',
        status_changed_at: e.status_changed_at ?? null,
        status_changed_by: null,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['site_id', 'fingerprint']).doUpdateSet((eb) => ({
        report_count: eb('errata.report_count', '+', eb.ref('excluded.report_count')),
        last_reported_at: eb.ref('excluded.last_reported_at'),
        title: eb.ref('excluded.title'),
        // priorityOf is ln(reports) + t/τ: the batch's own ln(count) is swapped for the total's.
        priority: sql<number>`ln(${eb.ref('errata.report_count')} + ${eb.ref('excluded.report_count')}) + ${eb.ref('excluded.priority')} - ln(${eb.ref('excluded.report_count')})`,
        search_text: sql<string>`case when length(${eb.ref('errata.search_text')}) + length(${eb.ref('excluded.search_text')}) <= ${searchTextMax} then ${eb.ref('errata.search_text')} || ${eb.ref('excluded.search_text')} else ${eb.ref('errata.search_text')} end`,
      })),
    )
    .returning(['id', 'site_id', 'fingerprint', 'report_count', 'status', 'url', 'title', 'quote_exact'])
    .execute();
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Stores reports, each with the erratum it joined and its place in that erratum's count. */
export async function insertReports(
  db: Kysely<Database>,
  reports: readonly (ReportRow & { erratum_id: string; ordinal: number })[],
): Promise<void> {
  for (const chunk of insertChunks(db, reports)) await db.insertInto('reports').values(chunk).execute();
}

/**
 * Whether an error is a report stored twice under one client id (in `reports` or in the
 * intake): two batches (or instances) took the same retried send at the same moment, and the
 * unique index let one of them in.
 */
export function isDuplicateClientId(error: unknown): boolean {
  const { code, constraint, message } = (error ?? {}) as {
    code?: string;
    constraint?: string;
    message?: string;
  };
  if (code === '23505') return constraint === 'reports_client_id' || constraint === 'report_intake_client_id';
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && /\b(reports|report_intake)\.client_id\b/.test(message ?? '');
}

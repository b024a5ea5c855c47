import type { ErratumStatus } from '@errata/core';
import { type Insertable, type Kysely, sql } from 'kysely';
import type { Database, ErratumTable, ReportTable } from './schema.ts';

/** A report's row as the ingest builds it; the erratum and its ordinal are known once its spot is stored. */
export type ReportRow = Omit<Insertable<ReportTable>, 'erratum_id' | 'ordinal'>;

/** A report stored before under a client id (a reader's send retried). */
export interface ClientReport {
  reportId: string;
  siteId: string;
  clientId: string;
  erratumId: string;
  /** The report's place in its erratum's count. */
  ordinal: number;
  status: ErratumStatus;
}

/** The reports stored under these client ids, with their errata's status now. */
export async function reportsOfClientIds(
  db: Kysely<Database>,
  clientIds: readonly string[],
): Promise<ClientReport[]> {
  if (clientIds.length === 0) return [];
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
    .where('reports.client_id', 'in', [...clientIds])
    .execute();
  return rows.map((r) => ({
    reportId: r.id,
    siteId: r.site_id,
    clientId: r.client_id as string,
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
}

/** A stretch of one page's text (in characters) whose errata a batch compares its reports with. */
export interface PageStretch {
  siteId: string;
  url: string;
  from: number;
  to: number;
}

/**
 * In one statement, the errata starting within each stretch, and those of each site with the
 * given fingerprints wherever they start (a spot stored before its page shifted far). A batch
 * spans hundreds of pages; one query each would cost a round trip each on PostgreSQL.
 */
export async function spotsNear(
  db: Kysely<Database>,
  stretches: readonly PageStretch[],
  fingerprints: readonly { siteId: string; fingerprint: string }[],
): Promise<StoredSpot[]> {
  if (stretches.length === 0 && fingerprints.length === 0) return [];
  const rows = await db
    .selectFrom('errata')
    .select([
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
    ])
    .where((eb) =>
      eb.or([
        ...stretches.map((p) =>
          eb.and([
            eb('site_id', '=', p.siteId),
            eb('url', '=', p.url),
            eb('position_start', '>=', p.from),
            eb('position_start', '<=', p.to),
          ]),
        ),
        ...fingerprints.map((f) =>
          eb.and([eb('site_id', '=', f.siteId), eb('fingerprint', '=', f.fingerprint)]),
        ),
      ]),
    )
    .execute();
  return rows.map((e) => ({
    id: e.id,
    siteId: e.site_id,
    url: e.url,
    fingerprint: e.fingerprint,
    status: e.status as ErratumStatus,
    quote: { exact: e.quote_exact, prefix: e.quote_prefix, suffix: e.quote_suffix },
    position: { start: Number(e.position_start), end: Number(e.position_end) },
    decided: { prefix: e.decided_prefix, suffix: e.decided_suffix },
  }));
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
>;

/**
 * Stores a batch's errata in one multi-row upsert (at most one row per spot: a statement
 * cannot update a row twice). A spot stored already adds the batch's reports to its count,
 * takes the newest title and report time, has its priority recomputed for the new total and
 * gets the batch's search text appended while the whole stays within `searchTextMax`
 * characters. Returns each erratum's id, total report count and status.
 */
export async function upsertErrata(
  db: Kysely<Database>,
  errata: readonly ErratumToUpsert[],
  searchTextMax: number,
): Promise<
  { id: string; siteId: string; fingerprint: string; reportCount: number; status: ErratumStatus }[]
> {
  // Rows locked in one order (site, fingerprint) by every writer: two batches, or two instances,
  // upserting the same spots never wait on each other in a circle (a deadlock on PostgreSQL).
  const ordered = [...errata].sort((a, b) =>
    a.site_id === b.site_id ? compare(a.fingerprint, b.fingerprint) : compare(a.site_id, b.site_id),
  );
  const rows = await db
    .insertInto('errata')
    .values(ordered.map((e) => ({ ...e, status: 'open', status_changed_at: null, status_changed_by: null })))
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
    .returning(['id', 'site_id', 'fingerprint', 'report_count', 'status'])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    fingerprint: r.fingerprint,
    reportCount: Number(r.report_count),
    status: r.status as ErratumStatus,
  }));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Stores reports, each with the erratum it joined and its place in that erratum's count. */
export async function insertReports(
  db: Kysely<Database>,
  reports: readonly (ReportRow & { erratum_id: string; ordinal: number })[],
): Promise<void> {
  if (reports.length === 0) return;
  await db
    .insertInto('reports')
    .values([...reports])
    .execute();
}

/**
 * Whether an error is a report stored twice under one client id: two batches (or instances)
 * took the same retried send at the same moment, and the unique index let one of them in.
 */
export function isDuplicateClientId(error: unknown): boolean {
  const { code, constraint, message } = (error ?? {}) as {
    code?: string;
    constraint?: string;
    message?: string;
  };
  if (code === '23505') return constraint === 'reports_client_id';
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && (message ?? '').includes('reports.client_id');
}

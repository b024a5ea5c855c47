import type { RunningServer } from '@errata/server';

/** A report as the server stored it. */
export interface StoredReport {
  id: string;
  erratumId: string;
  /** The widget's id for the report, the one a resend carries again. */
  clientId: string | null;
  /** The page's address the report names (its canonical link, when that is on the site). */
  url: string;
  title: string | null;
  lang: string | null;
  quote: { exact: string; prefix: string; suffix: string };
  position: { start: number; end: number };
  suggestion: string | null;
  comment: string | null;
  kind: string;
  /** The address the reader left for a thank-you (kept apart from the report); null when none. */
  email: string | null;
}

/** Most time the server may take to group what it acknowledged (it does so right after, in milliseconds). */
const GROUPING_WAIT_MS = 10_000;

/**
 * The reports the server stored for a site, oldest first, read from its database once none
 * of the site's acknowledged reports waits to be grouped into its erratum.
 */
export async function storedReports(store: RunningServer['store'], siteId: string): Promise<StoredReport[]> {
  const until = Date.now() + GROUPING_WAIT_MS;
  while (
    (
      await store.intake
        .selectFrom('report_intake')
        .select('id')
        .where('site_id', '=', siteId)
        .limit(1)
        .execute()
    ).length > 0 &&
    Date.now() < until
  ) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const rows = await store.db
    .selectFrom('reports')
    .leftJoin('reader_contacts', 'reader_contacts.report_id', 'reports.id')
    .selectAll('reports')
    .select('reader_contacts.email')
    .where('reports.site_id', '=', siteId)
    .orderBy('reports.created_at')
    .orderBy('reports.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    erratumId: row.erratum_id,
    clientId: row.client_id,
    url: row.url,
    title: row.title,
    lang: row.lang,
    quote: { exact: row.quote_exact, prefix: row.quote_prefix, suffix: row.quote_suffix },
    position: { start: row.position_start, end: row.position_end },
    suggestion: row.suggestion,
    comment: row.comment,
    kind: row.kind,
    email: row.email,
  }));
}

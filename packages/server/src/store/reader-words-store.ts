/**
 * Removing readers' words and traces from what a site stores: whole reports (retention) or a
 * reader's own words in them (erasure), and with them every copy made from them: the
 * readers' addresses, the outgoing events' copies of suggestions and comments, the errata's
 * search text. Errata and their report counts stay.
 */
import { searchTextOf } from '@errata/core';
import type { Kysely } from 'kysely';
import { lockPages } from './row-locks.ts';
import type { Database } from './schema.ts';

/** Ids per statement: well under SQLite's and PostgreSQL's limits on bound parameters. */
const IDS_PER_STATEMENT = 500;

/** The events that carry a reader's report in their data (domain/report-batch.ts). */
const REPORT_EVENT_TYPES = ['erratum.created', 'erratum.reported'];

/** Page lock keys of some errata: the same as ingest's (report-batch.ts), so ingest on their pages waits. */
async function lockPagesOf(trx: Kysely<Database>, erratumIds: readonly string[]): Promise<void> {
  const keys: string[] = [];
  for (const ids of chunks(erratumIds)) {
    const rows = await trx.selectFrom('errata').select(['site_id', 'url']).where('id', 'in', ids).execute();
    keys.push(...rows.map((r) => `${r.site_id}\u001f${r.url}`));
  }
  await lockPages(trx, keys);
}

/**
 * Deletes reports (their readers' addresses first, so it works whether or not a database
 * cascades) and blanks the words the outgoing events copied from them; the errata's search
 * text is rewritten from the reports left. Call in a transaction. Returns how many reports went.
 */
export async function deleteReports(
  trx: Kysely<Database>,
  reports: readonly { id: string; erratumId: string }[],
): Promise<number> {
  if (reports.length === 0) return 0;
  const erratumIds = [...new Set(reports.map((r) => r.erratumId))];
  await lockPagesOf(trx, erratumIds);
  let deleted = 0;
  for (const ids of chunks(reports.map((r) => r.id))) {
    await trx.deleteFrom('reader_contacts').where('report_id', 'in', ids).execute();
    const result = await trx.deleteFrom('reports').where('id', 'in', ids).executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  await blankEventWords(
    trx,
    erratumIds,
    reports.map((r) => r.id),
  );
  await rewriteSearchTexts(trx, erratumIds);
  return deleted;
}

/**
 * Blanks a reader's words in their reports (suggestion, comment) and the hash of their
 * address; the quote and the page, which are the page's words, stay, and so do the counts.
 * Then the events' copies and the errata's search text. Call in a transaction. Returns
 * { reports, events } blanked.
 */
export async function blankReports(
  trx: Kysely<Database>,
  reports: readonly { id: string; erratumId: string }[],
): Promise<{ reports: number; events: number }> {
  if (reports.length === 0) return { reports: 0, events: 0 };
  const erratumIds = [...new Set(reports.map((r) => r.erratumId))];
  await lockPagesOf(trx, erratumIds);
  let blanked = 0;
  for (const ids of chunks(reports.map((r) => r.id))) {
    const result = await trx
      .updateTable('reports')
      .set({ suggestion: null, suggestion_key: null, comment: null, ip_hash: '' })
      .where('id', 'in', ids)
      .executeTakeFirst();
    blanked += Number(result.numUpdatedRows);
  }
  const events = await blankEventWords(
    trx,
    erratumIds,
    reports.map((r) => r.id),
  );
  await rewriteSearchTexts(trx, erratumIds);
  return { reports: blanked, events };
}

/**
 * Blanks the suggestion and comment that erratum.created / erratum.reported events copied
 * from these reports (their data.report, and the snapshot's suggestion, which is that
 * report's); the event itself stays for its deliveries. Returns how many events changed.
 */
async function blankEventWords(
  trx: Kysely<Database>,
  erratumIds: readonly string[],
  reportIds: readonly string[],
): Promise<number> {
  const wanted = new Set(reportIds);
  let changed = 0;
  for (const ids of chunks(erratumIds)) {
    const events = await trx
      .selectFrom('outbox_events')
      .select(['id', 'data'])
      .where('erratum_id', 'in', ids)
      .where('type', 'in', REPORT_EVENT_TYPES)
      .execute();
    for (const event of events) {
      const data = JSON.parse(event.data) as {
        report?: { id?: string; suggestion?: unknown; comment?: unknown };
        erratum?: { suggestion?: unknown };
      };
      if (!data.report?.id || !wanted.has(data.report.id)) continue;
      data.report.suggestion = null;
      data.report.comment = null;
      if (data.erratum) data.erratum.suggestion = null;
      await trx
        .updateTable('outbox_events')
        .set({ data: JSON.stringify(data) })
        .where('id', '=', event.id)
        .execute();
      changed++;
    }
  }
  return changed;
}

/** Writes the errata's search text anew from their quotes and the suggestions and comments left. */
async function rewriteSearchTexts(trx: Kysely<Database>, erratumIds: readonly string[]): Promise<void> {
  for (const ids of chunks(erratumIds)) {
    const errata = await trx
      .selectFrom('errata')
      .select(['id', 'quote_exact'])
      .where('id', 'in', ids)
      .execute();
    const texts = await trx
      .selectFrom('reports')
      .select(['erratum_id', 'suggestion', 'comment'])
      .where('erratum_id', 'in', ids)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const byErratum = new Map<string, (string | null)[]>();
    for (const t of texts) {
      const list = byErratum.get(t.erratum_id) ?? [];
      list.push(t.suggestion, t.comment);
      byErratum.set(t.erratum_id, list);
    }
    for (const e of errata) {
      await trx
        .updateTable('errata')
        .set({ search_text: searchTextOf([e.quote_exact, ...(byErratum.get(e.id) ?? [])]) })
        .where('id', '=', e.id)
        .execute();
    }
  }
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += IDS_PER_STATEMENT) out.push(items.slice(i, i + IDS_PER_STATEMENT));
  return out;
}

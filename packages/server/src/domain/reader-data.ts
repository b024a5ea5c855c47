/**
 * A reader's data on one site, found by the e-mail address they left for a thank-you: an
 * owner exports it, or erases it, each in one action. The address is stored as typed, in
 * reader_contacts only (one row per report, for 90 days at most), so that is where a
 * reader's reports are found; a report made without an address cannot be told from others.
 */
import type { ErratumStatus, ReaderDataErasure, ReaderDataExport, ReportKind } from '@errata/core';
import type { Store } from '../store/open-store.ts';
import { blankReports } from '../store/reader-words-store.ts';
import { type Principal, requireRole } from './access.ts';

/** An owner's export of everything the site holds for `email` (matched without regard to case). */
export async function exportReaderData(
  store: Store,
  principal: Principal,
  siteId: string,
  email: string,
  now = new Date(),
): Promise<ReaderDataExport> {
  await requireRole(store, principal, siteId, 'owner');
  const address = email.trim();
  const rows = await store.db
    .selectFrom('reader_contacts as c')
    .innerJoin('reports as r', 'r.id', 'c.report_id')
    .innerJoin('errata as e', 'e.id', 'r.erratum_id')
    .select([
      'c.email',
      'c.report_id',
      'c.expires_at',
      'c.thanked_at',
      'r.created_at',
      'r.url',
      'r.title',
      'r.kind',
      'r.quote_exact',
      'r.quote_prefix',
      'r.quote_suffix',
      'r.suggestion',
      'r.comment',
      'e.status',
    ])
    .where('c.site_id', '=', siteId)
    .where((eb) => eb(eb.fn('lower', ['c.email']), '=', address.toLowerCase()))
    .orderBy('r.created_at')
    .orderBy('c.report_id')
    .execute();
  return {
    site: siteId,
    email: address,
    exportedAt: now.toISOString(),
    reports: rows.map((row) => ({
      id: row.report_id,
      createdAt: row.created_at,
      url: row.url,
      title: row.title,
      kind: row.kind as ReportKind,
      quote: { exact: row.quote_exact, prefix: row.quote_prefix, suffix: row.quote_suffix },
      suggestion: row.suggestion,
      comment: row.comment,
      erratumStatus: row.status as ErratumStatus,
    })),
    contacts: rows.map((row) => ({
      email: row.email,
      reportId: row.report_id,
      expiresAt: row.expires_at,
      thankedAt: row.thanked_at,
    })),
  };
}

/**
 * An owner erases `email` from the site: every stored copy of the address is deleted, and
 * the reports it was left with lose the reader's own words (suggestion, comment) and the hash
 * of their address, here and in the outgoing events; the quote and page (the article's words)
 * and the errata's counts stay, so the inbox still adds up. One transaction: all or nothing.
 */
export async function eraseReaderData(
  store: Store,
  principal: Principal,
  siteId: string,
  email: string,
): Promise<ReaderDataErasure> {
  await requireRole(store, principal, siteId, 'owner');
  const address = email.trim();
  return store.db.transaction().execute(async (trx) => {
    const contacts = await trx
      .selectFrom('reader_contacts as c')
      .innerJoin('reports as r', 'r.id', 'c.report_id')
      .select(['c.report_id', 'r.erratum_id'])
      .where('c.site_id', '=', siteId)
      .where((eb) => eb(eb.fn('lower', ['c.email']), '=', address.toLowerCase()))
      .execute();
    const reportIds = contacts.map((c) => c.report_id);
    let contactsDeleted = 0;
    if (reportIds.length > 0) {
      const deleted = await trx
        .deleteFrom('reader_contacts')
        .where('site_id', '=', siteId)
        .where('report_id', 'in', reportIds)
        .executeTakeFirst();
      contactsDeleted = Number(deleted.numDeletedRows);
    }
    const blanked = await blankReports(
      trx,
      contacts.map((c) => ({ id: c.report_id, erratumId: c.erratum_id })),
    );
    return {
      site: siteId,
      email: address,
      contactsDeleted,
      reportsBlanked: blanked.reports,
      eventsBlanked: blanked.events,
      summary: erasureSummary(contactsDeleted, blanked.reports, blanked.events),
    };
  });
}

function erasureSummary(contacts: number, reports: number, events: number): string {
  if (contacts === 0) return 'Nothing was stored for this address: nothing was erased.';
  const copies = contacts === 1 ? '1 stored copy' : `${contacts} stored copies`;
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `Erased ${copies} of the address; blanked the suggestion and comment of ${count(reports, 'report')} and ${count(events, 'outgoing event')}. The quotes and counts stay.`;
}

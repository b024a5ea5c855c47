import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { insertChunks } from './statement-shapes.ts';

/** A reader's address kept for one thank-you about one report. */
export interface ReaderContact {
  reportId: string;
  siteId: string;
  email: string;
}

/** A reader's address to keep with a new report. */
export type ReaderContactToStore = ReaderContact & { expiresAt: string };

/** Keeps readers' addresses for the thank-you; called in the transaction that stores their reports. */
export async function addReaderContacts(
  db: Kysely<Database>,
  contacts: ReaderContactToStore[],
): Promise<void> {
  for (const chunk of insertChunks(db, contacts)) {
    await db
      .insertInto('reader_contacts')
      .values(
        chunk.map((contact) => ({
          report_id: contact.reportId,
          site_id: contact.siteId,
          email: contact.email,
          expires_at: contact.expiresAt,
          thanked_at: null,
        })),
      )
      .onConflict((oc) => oc.column('report_id').doNothing())
      .execute();
  }
}

/** The addresses left with an erratum's reports that were not thanked yet and have not expired. */
export async function listReaderContactsOfErratum(
  db: Kysely<Database>,
  erratumId: string,
  now: string,
): Promise<ReaderContact[]> {
  const rows = await db
    .selectFrom('reader_contacts as c')
    .innerJoin('reports as r', 'r.id', 'c.report_id')
    .select(['c.report_id', 'c.site_id', 'c.email'])
    .where('r.erratum_id', '=', erratumId)
    .where('c.thanked_at', 'is', null)
    .where('c.expires_at', '>', now)
    .orderBy('c.report_id')
    .execute();
  return rows.map((r) => ({ reportId: r.report_id, siteId: r.site_id, email: r.email }));
}

/**
 * Takes a contact for its one thank-you: marks it thanked in one statement, so of two
 * deliveries racing only one gets the address. Returns it, or null when it was taken
 * before or its 90 days are over.
 */
export async function claimReaderContact(
  db: Kysely<Database>,
  reportId: string,
  now: string,
): Promise<ReaderContact | null> {
  const result = await db
    .updateTable('reader_contacts')
    .set({ thanked_at: now })
    .where('report_id', '=', reportId)
    .where('thanked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return null;
  const row = await db
    .selectFrom('reader_contacts')
    .select(['report_id', 'site_id', 'email'])
    .where('report_id', '=', reportId)
    .executeTakeFirst();
  return row ? { reportId: row.report_id, siteId: row.site_id, email: row.email } : null;
}

/** Gives a claimed contact back after its mail failed, so the next delivery attempt sends it. */
export async function unclaimReaderContact(db: Kysely<Database>, reportId: string): Promise<void> {
  await db
    .updateTable('reader_contacts')
    .set({ thanked_at: null })
    .where('report_id', '=', reportId)
    .execute();
}

/** Deletes an address (after its thank-you was sent). */
export async function deleteReaderContact(db: Kysely<Database>, reportId: string): Promise<void> {
  await db.deleteFrom('reader_contacts').where('report_id', '=', reportId).execute();
}

/**
 * A claimed address whose delivery has not deleted or given it back by then was left by a
 * crash: far longer than one SMTP attempt may take, so a mail under way keeps its address.
 */
export const READER_CONTACT_CLAIM_MS = 60 * 60 * 1000;

/** Deletes addresses past their 90 days, and any left claimed by a crash; returns how many were deleted. */
export async function deleteExpiredReaderContacts(db: Kysely<Database>, now: string): Promise<number> {
  const abandoned = new Date(Date.parse(now) - READER_CONTACT_CLAIM_MS).toISOString();
  const result = await db
    .deleteFrom('reader_contacts')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('thanked_at', '<=', abandoned)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

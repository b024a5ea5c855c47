import type { ReportInput } from '@errata/core';
import type { ReaderContactToStore } from '../store/reader-contacts-store.ts';
import type { Site } from '../store/sites-store.ts';
import { ErrataError } from './errors.ts';

/** Days a reader's address is kept when the fix is never verified; then it is deleted unused. */
export const READER_CONTACT_DAYS = 90;

/**
 * The address a reader left with a report, to keep for one thank-you; null when they left
 * none. Refused when the site has not enabled reader e-mails: the reader must not believe
 * an address was kept when it was not.
 */
export function readerContactOf(
  input: ReportInput,
  site: Site,
  reportId: string,
  now: Date,
): ReaderContactToStore | null {
  const email = input.email?.trim();
  if (!email) return null;
  if (!site.readerEmail) {
    throw new ErrataError(
      'invalid',
      `The site "${site.id}" does not take readers' e-mail addresses: send the report without one.`,
      { email: 'is not accepted by this site' },
    );
  }
  return {
    reportId,
    siteId: site.id,
    email,
    expiresAt: new Date(now.getTime() + READER_CONTACT_DAYS * 24 * 60 * 60 * 1000).toISOString(),
  };
}

import { FINGERPRINT_CONTEXT, normalizeText, type TextQuoteSelector } from '@errata/core';
import type { Kysely } from 'kysely';
import { newId } from '../base/ids.ts';
import { recordOutboxEvent } from './outbox-store.ts';
import type { Database } from './schema.ts';

/** Statuses that are an editor's decision against the report: new reports join them silently. */
export const FINAL_STATUSES: readonly string[] = ['rejected', 'spam'];

/** What the page said around the quote when an editor decided. */
export type DecidedContext = Pick<TextQuoteSelector, 'exact' | 'prefix' | 'suffix'>;

/**
 * Whether a new report of a decided spot shows that the page text around it changed. The
 * fingerprint already pins 32 normalised characters on each side; readers send up to 64, so
 * the characters beyond the fingerprint's window are compared (over the length both sides
 * have). A report with another quote (joined by overlap) says nothing about it: false.
 */
export function pageTextChanged(decided: DecidedContext, report: DecidedContext): boolean {
  if (normalizeText(decided.exact) !== normalizeText(report.exact)) return false;
  const before = [normalizeText(decided.prefix), normalizeText(report.prefix)] as const;
  const after = [normalizeText(decided.suffix), normalizeText(report.suffix)] as const;
  const prefixLength = Math.min(before[0].length, before[1].length);
  const suffixLength = Math.min(after[0].length, after[1].length);
  return (
    (prefixLength > FINGERPRINT_CONTEXT &&
      before[0].slice(-prefixLength) !== before[1].slice(-prefixLength)) ||
    (suffixLength > FINGERPRINT_CONTEXT &&
      after[0].slice(0, suffixLength) !== after[1].slice(0, suffixLength))
  );
}

/**
 * The context to remember with a decision: the newest report of the erratum that quotes the
 * same words (the page as readers last saw it), else the erratum's own quote.
 */
export async function contextAtDecision(
  db: Kysely<Database>,
  erratumId: string,
): Promise<{ prefix: string; suffix: string } | null> {
  const erratum = await db
    .selectFrom('errata')
    .select(['quote_exact', 'quote_prefix', 'quote_suffix'])
    .where('id', '=', erratumId)
    .executeTakeFirst();
  if (!erratum) return null;
  const newest = await db
    .selectFrom('reports')
    .select(['quote_prefix', 'quote_suffix'])
    .where('erratum_id', '=', erratumId)
    .where('quote_exact', '=', erratum.quote_exact)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return newest
    ? { prefix: newest.quote_prefix, suffix: newest.quote_suffix }
    : { prefix: erratum.quote_prefix, suffix: erratum.quote_suffix };
}

/** Reopens a decided erratum because the page changed, and says so in its history. */
export async function reopenForChangedPage(
  trx: Kysely<Database>,
  reopen: { erratumId: string; siteId: string; from: string; reportId: string; now: string },
): Promise<void> {
  await trx
    .updateTable('errata')
    .set({
      status: 'open',
      status_changed_at: reopen.now,
      status_changed_by: null,
      decided_prefix: null,
      decided_suffix: null,
    })
    .where('id', '=', reopen.erratumId)
    .execute();
  await trx
    .insertInto('erratum_events')
    .values({
      id: newId(),
      erratum_id: reopen.erratumId,
      site_id: reopen.siteId,
      actor_id: null,
      type: 'reopened',
      data: JSON.stringify({
        from: reopen.from,
        to: 'open',
        reason: 'A new report shows the page text around the quote changed since the decision.',
        report: reopen.reportId,
      }),
      created_at: reopen.now,
    })
    .execute();
  await recordOutboxEvent(trx, {
    siteId: reopen.siteId,
    type: 'erratum.status_changed',
    erratumId: reopen.erratumId,
    data: { from: reopen.from, to: 'open', actorId: null, reason: 'page_changed' },
  });
}

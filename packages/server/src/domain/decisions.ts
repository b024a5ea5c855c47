import {
  type ErratumStatus,
  FINGERPRINT_CONTEXT,
  isFinalStatus,
  normalizeText,
  type TextQuoteSelector,
} from '@errata/core';
import type { Kysely } from 'kysely';
import { newId } from '../base/ids.ts';
import { newestContextOf, statusOfErratum, writeStatusChange } from '../store/errata-store.ts';
import { recordOutboxEvent } from '../store/outbox-store.ts';
import { unteachWord } from '../store/proofread-store.ts';
import type { Database } from '../store/schema.ts';
import { WORD_TEACHING_RULES } from './proofread.ts';

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
 * Sets an erratum's status, records who did it in its history and the outbox, in one
 * transaction. A decision against the report remembers the page around the quote, so later
 * reports join it unless that changed. A rejection taken back (the dashboard's undo sends the
 * old status back) takes back the word it taught the proofreader. Null when the erratum does not exist.
 */
export async function changeErratumStatus(
  db: Kysely<Database>,
  change: {
    id: string;
    status: ErratumStatus;
    actorId: string | null;
    eventId: string;
    now: string;
    /** With status fixed: the words that replace the quote, kept in the history. */
    correction?: string;
  },
): Promise<{ from: ErratumStatus } | null> {
  return db.transaction().execute(async (trx) => {
    const current = await statusOfErratum(trx, change.id);
    if (!current) return null;
    const decided = isFinalStatus(change.status) ? await newestContextOf(trx, change.id) : null;
    await writeStatusChange(trx, {
      erratumId: change.id,
      siteId: current.siteId,
      status: change.status,
      actorId: change.actorId,
      now: change.now,
      decided,
      event: {
        id: change.eventId,
        type: 'status_changed',
        data: {
          from: current.status,
          to: change.status,
          ...(change.correction !== undefined ? { correction: change.correction } : {}),
        },
      },
    });
    await recordOutboxEvent(trx, {
      siteId: current.siteId,
      type: 'erratum.status_changed',
      erratumId: change.id,
      data: { from: current.status, to: change.status, actorId: change.actorId },
    });
    if (current.status === 'rejected' && change.status !== 'rejected') {
      await unteachWord(trx, { siteId: current.siteId, erratumId: change.id, rules: WORD_TEACHING_RULES });
    }
    return { from: current.status };
  });
}

/**
 * Reopens a decided erratum because a new report shows the page changed, and says so in its
 * history; a rejection so taken back takes back the word it taught the proofreader.
 */
export async function reopenForChangedPage(
  trx: Kysely<Database>,
  reopen: { erratumId: string; siteId: string; from: ErratumStatus; reportId: string; now: string },
): Promise<void> {
  await writeStatusChange(trx, {
    erratumId: reopen.erratumId,
    siteId: reopen.siteId,
    status: 'open',
    actorId: null,
    now: reopen.now,
    decided: null,
    event: {
      id: newId(),
      type: 'reopened',
      data: {
        from: reopen.from,
        to: 'open',
        reason: 'A new report shows the page text around the quote changed since the decision.',
        report: reopen.reportId,
      },
    },
  });
  await recordOutboxEvent(trx, {
    siteId: reopen.siteId,
    type: 'erratum.status_changed',
    erratumId: reopen.erratumId,
    data: { from: reopen.from, to: 'open', actorId: null, reason: 'page_changed' },
  });
  if (reopen.from === 'rejected') {
    await unteachWord(trx, {
      siteId: reopen.siteId,
      erratumId: reopen.erratumId,
      rules: WORD_TEACHING_RULES,
    });
  }
}

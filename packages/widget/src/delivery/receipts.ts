import { browserStorage } from './queue.ts';
import { receiptsKey } from './receipts-key.ts';

/** Report ids kept per site: the newest ones; a reader who reports more than this is thanked for the latest. */
export const RECEIPTS_MAX = 50;
/** Report ids older than this are forgotten: a mistake not corrected in half a year will hardly be. */
export const RECEIPT_MAX_AGE_MS = 180 * 24 * 3600 * 1000;
/** Least time between two questions to the server about a site's ids: a reader reading page after page asks once a visit, not on every page. */
export const ASK_EVERY_MS = 3600 * 1000;

/** The localStorage key of when this reader last asked a site's server about their reports. */
const askedKey = (site: string) => `errata:asked:${site}`;

/**
 * A report this reader sent: its id (from the server's receipt) and when, in ms since the
 * epoch. Kept in localStorage on the reader's device only, per site, so that a later visit can
 * ask whether the mistakes were corrected and say thank you.
 */
export interface Receipt {
  id: string;
  at: number;
}

/** The kept receipts of a site, oldest first, without those past RECEIPT_MAX_AGE_MS; none when storage is blocked or unreadable. */
export function readReceipts(site: string, storage = browserStorage(), now = Date.now()): Receipt[] {
  try {
    const stored: unknown = JSON.parse(storage?.getItem(receiptsKey(site)) ?? '[]');
    return Array.isArray(stored)
      ? stored.filter(
          (receipt: Receipt) => typeof receipt?.id === 'string' && now - receipt.at < RECEIPT_MAX_AGE_MS,
        )
      : [];
  } catch {
    return [];
  }
}

/** Keeps a sent report's id, dropping the oldest past RECEIPTS_MAX (the ages are checked when read). */
export function keepReceipt(site: string, id: string, storage = browserStorage(), now = Date.now()): void {
  try {
    const kept: Receipt[] = JSON.parse(storage?.getItem(receiptsKey(site)) ?? '[]');
    storage?.setItem(receiptsKey(site), JSON.stringify([...kept, { id, at: now }].slice(-RECEIPTS_MAX)));
  } catch {
    // Storage full, blocked or garbled: the reader will not be thanked, nothing else is lost.
  }
}

/** Keeps only the receipts given (read, minus those thanked for); none left removes the key, so the loader's check stays cheap. */
export function writeReceipts(site: string, kept: Receipt[], storage = browserStorage()): void {
  try {
    if (kept.length > 0) storage?.setItem(receiptsKey(site), JSON.stringify(kept));
    else storage?.removeItem(receiptsKey(site));
  } catch {}
}

/** Whether it is time to ask the server about the kept ids again (never asked, or ASK_EVERY_MS ago). */
export function dueToAsk(site: string, storage = browserStorage(), now = Date.now()): boolean {
  try {
    return !(now - Number(storage?.getItem(askedKey(site)) ?? Number.NEGATIVE_INFINITY) < ASK_EVERY_MS);
  } catch {
    return true;
  }
}

/** Notes that the server answered about the kept ids now; with none kept, forgets the note too. */
export function markAsked(
  site: string,
  anyKept: boolean,
  storage = browserStorage(),
  now = Date.now(),
): void {
  try {
    if (anyKept) storage?.setItem(askedKey(site), String(now));
    else storage?.removeItem(askedKey(site));
  } catch {}
}

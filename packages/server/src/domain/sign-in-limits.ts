import type { Store } from '../store/open-store.ts';
import {
  addToAccountTotal,
  claimBurstAlert,
  type FailureCount,
  forgiveAttempt,
  readFailureCounts,
  takeFailureSlot,
} from '../store/sign-in-failures-store.ts';
import { RetryLaterError } from './errors.ts';
import { sha256Hex } from './secrets.ts';

/** Failures one address may make on one account before it must wait: room for typos. */
export const FREE_FAILURES_PER_ADDRESS = 3;
/** The first wait after the free failures; each further failure doubles it. */
const FIRST_DELAY_S = 1;
/** The longest wait between two attempts from one address: about 4 guesses an hour. */
export const MAX_DELAY_S = 15 * 60;
/** An address's count starts again this long after its first failure (or at once, on a right password). */
const ADDRESS_WINDOW_MS = 24 * 3600 * 1000;
/**
 * Failures an account takes from all addresses in an hour before addresses that already
 * failed on it must wait for the hour to end. Large, so that spending it takes many
 * addresses; an address with no failure in the hour (the owner's, usually) is still checked.
 */
export const ACCOUNT_FAILURES_PER_HOUR = 100;
const ACCOUNT_WINDOW_MS = 3600 * 1000;
/** Failures in an account's hour after which its owner is mailed, once per hour-long burst. */
export const ALERT_AFTER_FAILURES = 10;
/** Attempts from one address racing for the same step retry this often before being refused. */
const RACE_RETRIES = 5;

/** One sign-in attempt let through to the password check, to be settled with its outcome. */
export interface AdmittedAttempt {
  account: string;
  address: string;
}

/** The seconds an address waits after `failures` failures on one account (0: none). */
export function delayAfter(failures: number): number {
  if (failures < FREE_FAILURES_PER_ADDRESS) return 0;
  return Math.min(MAX_DELAY_S, FIRST_DELAY_S * 2 ** (failures - FREE_FAILURES_PER_ADDRESS));
}

/** The key an account is counted under: the e-mail as typed, lower-cased, so unknown ones count alike. */
export function accountKey(email: string): string {
  return sha256Hex(email.trim().toLowerCase());
}

/**
 * The address an attempt is counted under: an IPv4 address as is, an IPv6 one by its /64
 * (one customer's network: its 2^64 addresses must not be 2^64 fresh budgets).
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * Lets a sign-in attempt through to the password check, or throws RetryLaterError. The
 * attempt is counted as a failure before the check (settled by signInSucceeded when the
 * password is right), so parallel requests from one address take the steps one at a time.
 */
export async function admitSignIn(
  store: Store,
  email: string,
  ip: string,
  now = new Date(),
): Promise<AdmittedAttempt> {
  const attempt = { account: accountKey(email), address: addressKey(ip) };
  const nowIso = now.toISOString();
  for (let race = 0; race < RACE_RETRIES; race++) {
    const { fromAddress, total } = await readFailureCounts(store.db, attempt.account, attempt.address);
    const mine = live(fromAddress, now, ADDRESS_WINDOW_MS);
    const account = live(total, now, ACCOUNT_WINDOW_MS);
    const waitUntil = Math.max(
      mine ? Date.parse(mine.lastFailureAt) + delayAfter(mine.failures) * 1000 : 0,
      // The account's budget is spent: addresses that failed on it in this hour wait for its end.
      account &&
        account.failures >= ACCOUNT_FAILURES_PER_HOUR &&
        mine &&
        mine.lastFailureAt >= account.firstFailureAt
        ? Date.parse(account.firstFailureAt) + ACCOUNT_WINDOW_MS
        : 0,
    );
    if (waitUntil > now.getTime()) throw tooManyAttempts(waitUntil - now.getTime());
    const next: FailureCount = mine
      ? { failures: mine.failures + 1, firstFailureAt: mine.firstFailureAt, lastFailureAt: nowIso }
      : { failures: 1, firstFailureAt: nowIso, lastFailureAt: nowIso };
    if (await takeFailureSlot(store.db, attempt, fromAddress, next)) {
      await addToAccountTotal(
        store.db,
        attempt.account,
        nowIso,
        new Date(now.getTime() - ACCOUNT_WINDOW_MS).toISOString(),
      );
      return attempt;
    }
  }
  throw tooManyAttempts(FIRST_DELAY_S * 1000);
}

/** A right password: this address starts afresh, and the attempt leaves the account's total. */
export async function signInSucceeded(store: Store, attempt: AdmittedAttempt): Promise<void> {
  await forgiveAttempt(store.db, attempt.account, attempt.address);
}

/** A wrong password (already counted): true once per burst, when the account's owner should be mailed. */
export function shouldAlertOwner(store: Store, attempt: AdmittedAttempt, now = new Date()): Promise<boolean> {
  return claimBurstAlert(store.db, attempt.account, {
    atLeast: ALERT_AFTER_FAILURES,
    windowStart: accountWindowStart(now),
    now: now.toISOString(),
  });
}

/** Where the account's current hour-long window may have begun at the earliest. */
export function accountWindowStart(now: Date): string {
  return new Date(now.getTime() - ACCOUNT_WINDOW_MS).toISOString();
}

function live(count: FailureCount | null, now: Date, windowMs: number): FailureCount | null {
  return count && Date.parse(count.firstFailureAt) > now.getTime() - windowMs ? count : null;
}

function tooManyAttempts(waitMs: number): RetryLaterError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new RetryLaterError(
    `Too many sign-in attempts for this account: try again in ${seconds} s.`,
    seconds,
  );
}

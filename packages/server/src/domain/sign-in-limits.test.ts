import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore } from '../testing/test-app.ts';
import { RetryLaterError } from './errors.ts';
import {
  ACCOUNT_FAILURES_PER_HOUR,
  addressKey,
  admitSignIn,
  delayAfter,
  FREE_FAILURES_PER_ADDRESS,
  MAX_DELAY_S,
  signInSucceeded,
} from './sign-in-limits.ts';

let t: Awaited<ReturnType<typeof openTestStore>>;
beforeEach(async () => {
  t = await openTestStore();
});
afterEach(async () => t.cleanup());

const START = Date.parse('2026-03-02T10:00:00.000Z');
const at = (seconds: number) => new Date(START + seconds * 1000);

/** The seconds admitSignIn asks to wait, or null when it lets the attempt through. */
async function refusal(email: string, ip: string, now: Date): Promise<number | null> {
  try {
    await admitSignIn(t.store, email, ip, now);
    return null;
  } catch (error) {
    if (error instanceof RetryLaterError) return error.retryAfterS;
    throw error;
  }
}

describe('the wait between sign-in attempts', () => {
  it('should be none for typos, then double from one second up to fifteen minutes', () => {
    const waits = Array.from({ length: 16 }, (_, failures) => delayAfter(failures));
    expect(waits.slice(0, FREE_FAILURES_PER_ADDRESS)).toEqual([0, 0, 0]);
    expect(waits.slice(3, 8)).toEqual([1, 2, 4, 8, 16]);
    expect(Math.max(...waits)).toBe(MAX_DELAY_S);
    expect(delayAfter(1000)).toBe(MAX_DELAY_S);
  });

  it('should count an IPv6 network by its /64 and an IPv4-mapped address as IPv4', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:db8:1:2::ffff'));
    expect(addressKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:3::1')).not.toBe(addressKey('2001:db8:1:2::1'));
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
  });
});

describe('sign-in limits per account', () => {
  it('should make one address wait after three failures on an account, longer after each', async () => {
    for (let i = 0; i < 3; i++) expect(await refusal('ed@example.org', '192.0.2.1', at(0))).toBeNull();
    expect(await refusal('ed@example.org', '192.0.2.1', at(0))).toBe(1);
    expect(await refusal('ed@example.org', '192.0.2.1', at(1))).toBeNull();
    expect(await refusal('ed@example.org', '192.0.2.1', at(2))).toBe(1);
    expect(await refusal('ed@example.org', '192.0.2.1', at(3))).toBeNull();
    expect(await refusal('ed@example.org', '192.0.2.1', at(3))).toBe(4);
  });

  it('should count the e-mail in any case and spacing as one account, known or not', async () => {
    for (const email of ['nobody@example.org', ' Nobody@Example.org', 'NOBODY@example.org ']) {
      expect(await refusal(email, '192.0.2.1', at(0))).toBeNull();
    }
    expect(await refusal('nobody@example.org', '192.0.2.1', at(0))).toBe(1);
  });

  it('should not make the owner at another address wait for failures elsewhere', async () => {
    for (let i = 0; i < 3; i++) await admitSignIn(t.store, 'ed@example.org', '192.0.2.1', at(0));
    expect(await refusal('ed@example.org', '192.0.2.1', at(0))).toBe(1);
    expect(await refusal('ed@example.org', '198.51.100.9', at(0))).toBeNull();
  });

  it('should let a right password start the address afresh', async () => {
    for (let i = 0; i < 2; i++) await admitSignIn(t.store, 'ed@example.org', '192.0.2.1', at(0));
    const right = await admitSignIn(t.store, 'ed@example.org', '192.0.2.1', at(0));
    await signInSucceeded(t.store, right);
    for (let i = 0; i < 3; i++) expect(await refusal('ed@example.org', '192.0.2.1', at(1))).toBeNull();
    expect(await refusal('ed@example.org', '192.0.2.1', at(1))).toBe(1);
  });

  it('should check only three of many parallel attempts from one address', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, () => refusal('ed@example.org', '192.0.2.1', at(0))),
    );
    expect(outcomes.filter((wait) => wait === null)).toHaveLength(FREE_FAILURES_PER_ADDRESS);
  });

  it('should make addresses that failed wait for the hour once the account took 100 failures, not new ones', async () => {
    // Three failures from each of 34 addresses, within the hour.
    for (let n = 0; n < ACCOUNT_FAILURES_PER_HOUR; n++) {
      await admitSignIn(t.store, 'ed@example.org', `203.0.113.${Math.floor(n / 3)}`, at(0));
    }
    // An attacker's address that failed: its own wait (1 s) is over, the account's hour is not.
    expect(await refusal('ed@example.org', '203.0.113.0', at(1800))).toBe(1800);
    // The owner's usual address, with no failure this hour, is still checked.
    expect(await refusal('ed@example.org', '198.51.100.9', at(1800))).toBeNull();
    // After the hour, the budget starts again.
    expect(await refusal('ed@example.org', '203.0.113.0', at(3601))).toBeNull();
  });
});

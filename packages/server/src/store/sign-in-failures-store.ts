import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.ts';

/** The address of an account's total row. */
export const ANY_ADDRESS = '*';

/** A count of failed sign-ins. */
export interface FailureCount {
  failures: number;
  firstFailureAt: string;
  lastFailureAt: string;
}

/** The account's row from this address and its total row, as they are now (null: none). */
export async function readFailureCounts(
  db: Kysely<Database>,
  account: string,
  address: string,
): Promise<{ fromAddress: FailureCount | null; total: FailureCount | null }> {
  const rows = await db
    .selectFrom('sign_in_failures')
    .select(['address', 'failures', 'first_failure_at', 'last_failure_at'])
    .where('account', '=', account)
    .where('address', 'in', [address, ANY_ADDRESS])
    .execute();
  const count = (of: string): FailureCount | null => {
    const row = rows.find((r) => r.address === of);
    return row
      ? {
          failures: Number(row.failures),
          firstFailureAt: row.first_failure_at,
          lastFailureAt: row.last_failure_at,
        }
      : null;
  };
  return { fromAddress: count(address), total: count(ANY_ADDRESS) };
}

/**
 * Replaces the (account, address) count `seen` by `next` only if nobody changed it since it
 * was read (compare and set): of attempts racing from one address, exactly one takes each
 * step, so a burst of parallel requests cannot all be checked against the same count.
 * Returns whether this caller took it.
 */
export async function takeFailureSlot(
  db: Kysely<Database>,
  key: { account: string; address: string },
  seen: FailureCount | null,
  next: FailureCount,
): Promise<boolean> {
  const values = {
    failures: next.failures,
    first_failure_at: next.firstFailureAt,
    last_failure_at: next.lastFailureAt,
  };
  if (seen === null) {
    const inserted = await db
      .insertInto('sign_in_failures')
      .values({ ...key, ...values, alerted_at: null })
      .onConflict((oc) => oc.columns(['account', 'address']).doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0;
  }
  const updated = await db
    .updateTable('sign_in_failures')
    .set(values)
    .where('account', '=', key.account)
    .where('address', '=', key.address)
    .where('failures', '=', seen.failures)
    .where('last_failure_at', '=', seen.lastFailureAt)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/** Adds one failure to the account's total; a total whose window began at or before `restartBefore` starts again at 1. */
export async function addToAccountTotal(
  db: Kysely<Database>,
  account: string,
  now: string,
  restartBefore: string,
): Promise<void> {
  const stale = sql<boolean>`sign_in_failures.first_failure_at <= ${restartBefore}`;
  await db
    .insertInto('sign_in_failures')
    .values({
      account,
      address: ANY_ADDRESS,
      failures: 1,
      first_failure_at: now,
      last_failure_at: now,
      alerted_at: null,
    })
    .onConflict((oc) =>
      oc.columns(['account', 'address']).doUpdateSet({
        failures: sql<number>`CASE WHEN ${stale} THEN 1 ELSE sign_in_failures.failures + 1 END`,
        first_failure_at: sql<string>`CASE WHEN ${stale} THEN ${now} ELSE sign_in_failures.first_failure_at END`,
        last_failure_at: now,
      }),
    )
    .execute();
}

/** After a right password: forgets this address's failures and takes the attempt back off the total. */
export async function forgiveAttempt(db: Kysely<Database>, account: string, address: string): Promise<void> {
  await db
    .deleteFrom('sign_in_failures')
    .where('account', '=', account)
    .where('address', '=', address)
    .execute();
  await db
    .updateTable('sign_in_failures')
    .set({ failures: sql<number>`failures - 1` })
    .where('account', '=', account)
    .where('address', '=', ANY_ADDRESS)
    .where('failures', '>', 0)
    .execute();
}

/**
 * Marks the account's current burst as mailed about, if its total reached `atLeast` failures
 * since `windowStart` and nobody mailed about this burst yet. One statement: of instances
 * racing, one wins. Returns whether this caller should send the mail.
 */
export async function claimBurstAlert(
  db: Kysely<Database>,
  account: string,
  burst: { atLeast: number; windowStart: string; now: string },
): Promise<boolean> {
  const result = await db
    .updateTable('sign_in_failures')
    .set({ alerted_at: burst.now })
    .where('account', '=', account)
    .where('address', '=', ANY_ADDRESS)
    .where('failures', '>=', burst.atLeast)
    .where('first_failure_at', '>', burst.windowStart)
    .where((eb) => eb.or([eb('alerted_at', 'is', null), eb('alerted_at', '<', eb.ref('first_failure_at'))]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Gives a claimed alert back (the mail could not be sent), so the next failure tries again. */
export async function releaseBurstAlert(
  db: Kysely<Database>,
  account: string,
  claimedAt: string,
): Promise<void> {
  await db
    .updateTable('sign_in_failures')
    .set({ alerted_at: null })
    .where('account', '=', account)
    .where('address', '=', ANY_ADDRESS)
    .where('alerted_at', '=', claimedAt)
    .execute();
}

/** How many failures the account's total holds, and from how many addresses, since `since`. */
export async function describeBurst(
  db: Kysely<Database>,
  account: string,
  since: string,
): Promise<{ failures: number; addresses: number }> {
  const rows = await db
    .selectFrom('sign_in_failures')
    .select(['address', 'failures'])
    .where('account', '=', account)
    .where('last_failure_at', '>=', since)
    .execute();
  const total = rows.find((r) => r.address === ANY_ADDRESS);
  return {
    failures: Number(total?.failures ?? 0),
    addresses: rows.filter((r) => r.address !== ANY_ADDRESS).length,
  };
}

/** Deletes counts nobody has failed on since `before`: they would be started afresh anyway. */
export async function deleteStaleFailures(db: Kysely<Database>, before: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('last_failure_at', '<', before).execute();
}

import type { Store } from '../store/open-store.ts';
import { getOrCreateSetting } from '../store/settings-store.ts';
import { hmacHex, newToken } from './secrets.ts';

/** Settings key of a day's key: `ip_hash_key:2026-12-04`. The key of the first versions had no day. */
const KEY_PREFIX = 'ip_hash_key';
const DAY_MS = 86_400_000;
/** Hashes kept of the addresses seen last: a flood comes from few, and each HMAC costs a few microseconds of the serving thread. */
const HASHES_KEPT = 10_000;

/** What a report stores of its sender's address: a keyed hash, linkable within one day only. */
export interface AddressHash {
  /** The hash of `ip` on `day` (YYYY-MM-DD, UTC). */
  hashOf(ip: string, day: string): Promise<string>;
}

/**
 * Address hashes under a key made afresh each day (UTC), kept in the database so every
 * instance hashes alike, and deleted once the day after is over: rate limits and spam
 * signals need a day of linkage, and nothing needs more. Once a day's key is gone, nobody,
 * not even the operator with the database, can tell whether two old reports came from one
 * address, or from a given one.
 */
export class DailyAddressKeys implements AddressHash {
  private readonly keys = new Map<string, Promise<string>>();
  private readonly hashes = new Map<string, string>();

  constructor(private readonly store: Store) {}

  async hashOf(ip: string, day: string): Promise<string> {
    const seen = `${day} ${ip}`;
    const kept = this.hashes.get(seen);
    if (kept !== undefined) return kept;
    const hash = hmacHex(await this.keyOf(day), ip).slice(0, 32);
    if (this.hashes.size >= HASHES_KEPT) this.hashes.clear();
    this.hashes.set(seen, hash);
    return hash;
  }

  private keyOf(day: string): Promise<string> {
    let key = this.keys.get(day);
    if (!key) {
      key = this.makeKey(day);
      // A day's key is asked for all day long: one lookup per process and day.
      if (this.keys.size >= 3) this.keys.clear();
      this.keys.set(day, key);
      key.catch(() => this.keys.delete(day));
    }
    return key;
  }

  private async makeKey(day: string): Promise<string> {
    const key = await getOrCreateSetting(this.store.db, `${KEY_PREFIX}:${day}`, () => newToken());
    await forgetKeysBefore(this.store, dayBefore(day));
    return key;
  }
}

/** Deletes the keys of the days before `day` (and the first versions' key, which had no day). */
export async function forgetKeysBefore(store: Store, day: string): Promise<void> {
  await store.db
    .deleteFrom('settings')
    .where('key', '>=', KEY_PREFIX)
    .where('key', '<', `${KEY_PREFIX}:${day}`)
    .execute();
}

/** A fixed key (tests and scripts): linkable across days, never for a server. */
export function fixedAddressKey(key: string): AddressHash {
  return { hashOf: async (ip, day) => hmacHex(key, `${day} ${ip}`).slice(0, 32) };
}

function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

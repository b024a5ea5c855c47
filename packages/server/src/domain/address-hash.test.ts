import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../store/open-store.ts';
import { openTestStore } from '../testing/test-app.ts';
import { DailyAddressKeys } from './address-hash.ts';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function storedKeys(db: Awaited<ReturnType<typeof openTestStore>>['store']['db']): Promise<string[]> {
  const rows = await db.selectFrom('settings').select('key').where('key', '>=', 'ip_hash_key').execute();
  return rows
    .map((r) => r.key)
    .filter((k) => k.startsWith('ip_hash_key'))
    .sort();
}

describe('address hashes under a key of the day', () => {
  it('links one address within a day, not across days, and two instances hash alike', async () => {
    const t = await openTestStore();
    const other = openStore(t.url);
    cleanup = async () => {
      await other.close();
      await t.cleanup();
    };
    const keys = new DailyAddressKeys(t.store);
    const sameDay = await keys.hashOf('203.0.113.7', '2026-12-04');
    expect(await keys.hashOf('203.0.113.7', '2026-12-04')).toBe(sameDay);
    expect(await keys.hashOf('203.0.113.8', '2026-12-04')).not.toBe(sameDay);
    expect(await new DailyAddressKeys(other).hashOf('203.0.113.7', '2026-12-04')).toBe(sameDay);
    expect(await keys.hashOf('203.0.113.7', '2026-12-05')).not.toBe(sameDay);
    expect(sameDay).toMatch(/^[0-9a-f]{32}$/);
  });

  it('deletes the keys of the days before yesterday, and the first versions’ key, once a new day begins', async () => {
    const t = await openTestStore();
    cleanup = t.cleanup;
    await t.store.db
      .insertInto('settings')
      .values({ key: 'ip_hash_key', value: 'the old fixed key' })
      .execute();
    const keys = new DailyAddressKeys(t.store);
    const before = await keys.hashOf('203.0.113.7', '2026-12-02');
    await keys.hashOf('203.0.113.7', '2026-12-03');
    expect(await storedKeys(t.store.db)).toEqual(['ip_hash_key:2026-12-02', 'ip_hash_key:2026-12-03']);

    await keys.hashOf('203.0.113.7', '2026-12-04');
    expect(await storedKeys(t.store.db)).toEqual(['ip_hash_key:2026-12-03', 'ip_hash_key:2026-12-04']);
    // The 2nd's key is gone for good: asked again, that day gets a new key and another hash.
    expect(await new DailyAddressKeys(t.store).hashOf('203.0.113.7', '2026-12-02')).not.toBe(before);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore } from '../testing/test-app.ts';
import { acquireLease, leaseHolder, releaseLease } from './leases-store.ts';
import type { Store } from './open-store.ts';

let store: Store;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ store, cleanup } = await openTestStore());
});
afterEach(async () => cleanup());

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 7, minute)).toISOString();
const take = (holder: string, minute: number) =>
  acquireLease(store.db, { name: 'digest', holder, now: at(minute), expiresAt: at(minute + 3) });

describe('leases', () => {
  it('should give a free lease to the first instance and refuse a second one while it lasts', async () => {
    expect(await take('a', 0)).toBe(true);
    expect(await take('b', 1)).toBe(false);
    expect(await leaseHolder(store.db, 'digest', at(1))).toBe('a');
  });

  it('should let the holder renew its lease', async () => {
    expect(await take('a', 0)).toBe(true);
    expect(await take('a', 2)).toBe(true);
    expect(await take('b', 4)).toBe(false);
  });

  it('should pass an expired lease to another instance', async () => {
    expect(await take('a', 0)).toBe(true);
    expect(await take('b', 3)).toBe(true);
    expect(await take('a', 4)).toBe(false);
  });

  it('should give exactly one of many racing instances the lease', async () => {
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((holder) => take(holder, 0)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('should free the lease when its holder releases it', async () => {
    await take('a', 0);
    await releaseLease(store.db, 'digest', 'a');
    expect(await take('b', 1)).toBe(true);
  });
});

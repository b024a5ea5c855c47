import { describe, expect, it } from 'vitest';
import {
  ASK_EVERY_MS,
  dueToAsk,
  keepReceipt,
  markAsked,
  RECEIPT_MAX_AGE_MS,
  RECEIPTS_MAX,
  readReceipts,
  writeReceipts,
} from './receipts.ts';
import { receiptsKey } from './receipts-key.ts';

/** A Storage over a Map, as localStorage behaves within one origin. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

describe('receipts', () => {
  it('should keep sent report ids per site, oldest first', () => {
    const storage = memoryStorage();
    keepReceipt('site-a', 'r1', storage, 1000);
    keepReceipt('site-a', 'r2', storage, 2000);
    expect(readReceipts('site-a', storage, 3000)).toEqual([
      { id: 'r1', at: 1000 },
      { id: 'r2', at: 2000 },
    ]);
    expect(readReceipts('site-b', storage, 3000)).toEqual([]);
  });

  it(`should keep only the newest ${RECEIPTS_MAX}`, () => {
    const storage = memoryStorage();
    for (let i = 0; i < RECEIPTS_MAX + 5; i++) keepReceipt('site', `r${i}`, storage, 1000);
    const ids = readReceipts('site', storage, 1000).map((r) => r.id);
    expect(ids).toHaveLength(RECEIPTS_MAX);
    expect(ids[0]).toBe('r5');
  });

  it('should leave out ids older than the age limit', () => {
    const storage = memoryStorage();
    keepReceipt('site', 'old', storage, 0);
    keepReceipt('site', 'new', storage, RECEIPT_MAX_AGE_MS - 1);
    expect(readReceipts('site', storage, RECEIPT_MAX_AGE_MS + 1).map((r) => r.id)).toEqual(['new']);
  });

  it('should remove the key once none are left, so the loader finds nothing to ask about', () => {
    const storage = memoryStorage();
    keepReceipt('site', 'r1', storage, 1000);
    writeReceipts('site', [], storage);
    expect(storage.getItem(receiptsKey('site'))).toBeNull();
  });

  it('should read garbage in storage as nothing kept', () => {
    const storage = memoryStorage();
    storage.setItem(receiptsKey('site'), '{not json');
    expect(readReceipts('site', storage)).toEqual([]);
    storage.setItem(receiptsKey('site'), '[1,{"id":2},null]');
    expect(readReceipts('site', storage)).toEqual([]);
  });
});

describe('asking about receipts', () => {
  it('should ask at once, then not again within the interval, then again', () => {
    const storage = memoryStorage();
    expect(dueToAsk('site', storage, 1000)).toBe(true);
    markAsked('site', true, storage, 1000);
    expect(dueToAsk('site', storage, 1000 + ASK_EVERY_MS - 1)).toBe(false);
    expect(dueToAsk('site', storage, 1000 + ASK_EVERY_MS)).toBe(true);
    expect(dueToAsk('other-site', storage, 1001)).toBe(true);
  });

  it('should forget when it asked once no ids are left', () => {
    const storage = memoryStorage();
    markAsked('site', true, storage, 1000);
    markAsked('site', false, storage, 2000);
    expect(storage.length).toBe(0);
  });
});

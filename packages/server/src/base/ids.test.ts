import { describe, expect, it } from 'vitest';
import { newId } from './ids.ts';

describe('newId', () => {
  it('sorts by creation time', () => {
    const earlier = newId(Date.UTC(2026, 0, 1));
    const later = newId(Date.UTC(2026, 0, 2));
    expect(earlier < later).toBe(true);
    expect(earlier).toHaveLength(26);
  });

  it('does not repeat, even past the random pool’s refill', () => {
    const ids = new Set(Array.from({ length: 5000 }, () => newId(0)));
    expect(ids.size).toBe(5000);
  });
});

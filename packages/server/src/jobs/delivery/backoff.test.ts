import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, nextAttemptAt, retryDelayMs } from './backoff.ts';

describe('retry backoff', () => {
  it('doubles the wait from 30 s after each failure, up to an hour', () => {
    const longest = (attempts: number) => retryDelayMs(attempts, DEFAULT_BACKOFF, () => 1);
    expect([1, 2, 3, 4].map(longest)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(longest(8)).toBe(3_600_000);
    expect(longest(500)).toBe(3_600_000);
  });

  it('spreads retries over the second half of the wait', () => {
    expect(retryDelayMs(2, DEFAULT_BACKOFF, () => 0)).toBe(30_000);
    expect(retryDelayMs(2, DEFAULT_BACKOFF, () => 0.5)).toBe(45_000);
  });

  it('tries once more at the end of the window when the next wait would pass it, then gives up', () => {
    const now = new Date('2026-01-01T12:00:00Z');
    const soon = new Date(now.getTime() + 10_000).toISOString();
    const later = new Date(now.getTime() + 86_400_000).toISOString();
    expect(nextAttemptAt(1, now, soon, DEFAULT_BACKOFF, () => 1)).toBe('2026-01-01T12:00:10.000Z');
    expect(nextAttemptAt(1, now, later, DEFAULT_BACKOFF, () => 1)).toBe('2026-01-01T12:00:30.000Z');
    expect(nextAttemptAt(9, new Date(soon), soon, DEFAULT_BACKOFF, () => 1)).toBeNull();
    expect(nextAttemptAt(9, new Date(now.getTime() + 11_000), soon, DEFAULT_BACKOFF, () => 1)).toBeNull();
  });

  it('keeps retrying for the whole 24 h window, not only until the last hourly wait fits', () => {
    const created = Date.parse('2026-01-01T00:00:00Z');
    const expiresAt = new Date(created + DEFAULT_BACKOFF.windowMs).toISOString();
    // A failure at 23:10 with an hourly wait ahead: tried again at 24:00, not given up at 23:10.
    const at2310 = new Date(created + 23 * 3_600_000 + 10 * 60_000);
    expect(nextAttemptAt(12, at2310, expiresAt, DEFAULT_BACKOFF, () => 1)).toBe('2026-01-02T00:00:00.000Z');
  });
});

import { describe, expect, it } from 'vitest';
import { doublingWaitMs } from './backoff.ts';

describe('doublingWaitMs', () => {
  it('waits firstMs after the first failure and doubles with each further one', () => {
    expect([1, 2, 3, 4, 5].map((failures) => doublingWaitMs(failures, 30_000, 3_600_000))).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000,
    ]);
  });

  it('never waits longer than the cap, and reaches it exactly', () => {
    expect(doublingWaitMs(7, 30_000, 3_600_000)).toBe(1_920_000);
    expect(doublingWaitMs(8, 30_000, 3_600_000)).toBe(3_600_000);
    expect(doublingWaitMs(3, 40, 160)).toBe(160);
    expect(doublingWaitMs(1, 5_000, 1_000)).toBe(1_000);
  });

  it('gives the cap, not Infinity or NaN, however many failures', () => {
    for (const failures of [31, 1_024, 1_025, 10_000, Number.MAX_SAFE_INTEGER, Number.POSITIVE_INFINITY]) {
      expect(doublingWaitMs(failures, 30_000, 3_600_000)).toBe(3_600_000);
      expect(doublingWaitMs(failures, 1, 86_400_000)).toBe(86_400_000);
      expect(doublingWaitMs(failures, 0, 86_400_000)).toBe(0);
    }
  });

  it('reads a count below one as the first failure', () => {
    expect(doublingWaitMs(0, 30_000, 3_600_000)).toBe(30_000);
    expect(doublingWaitMs(-5, 30_000, 3_600_000)).toBe(30_000);
  });
});

import { describe, expect, it } from 'vitest';
import { GroupingPace } from './grouping-pace.ts';

/** A pace read on a clock the test moves. */
function paceAt(waitMaxMs = 1_000) {
  let now = 0;
  const pace = new GroupingPace(waitMaxMs, () => now);
  return {
    pace,
    at(ms: number) {
      now = ms;
    },
  };
}

describe('acknowledging at the pace grouping keeps', () => {
  it('should not hold a batch while few reports wait', () => {
    const { pace, at } = paceAt();
    at(0);
    expect(pace.waitFor(50, 0, false)).toBe(0);
    at(500);
    expect(pace.waitFor(50, 0, false)).toBe(0);
  });

  it("should space batches by their size over grouping's measured rate", () => {
    const { pace, at } = paceAt();
    // Grouping took 1,000 reports in 500 ms: 2 a millisecond.
    at(0);
    pace.waitFor(50, 0, false);
    at(500);
    expect(pace.waitFor(50, 1_000, true)).toBe(0);
    // The next 50 may start 25 ms after that batch began; 10 ms have passed.
    at(510);
    expect(pace.waitFor(50, 1_020, true)).toBeCloseTo(15, 5);
    // Then 25 ms after that one: batches arriving together queue one behind the other.
    expect(pace.waitFor(100, 1_020, true)).toBeCloseTo(40, 5);
  });

  it('should follow grouping as it slows down', () => {
    const { pace, at } = paceAt();
    at(0);
    pace.waitFor(10, 0, false);
    at(1_000);
    pace.waitFor(10, 2_000, false);
    // Over the last second grouping took only 200 more: 0.2 a millisecond.
    at(2_000);
    expect(pace.waitFor(10, 2_200, true)).toBe(0);
    at(2_001);
    expect(pace.waitFor(10, 2_200, true)).toBeCloseTo(49, 0);
  });

  it('should hold a batch at most the longest wait while grouping makes no progress', () => {
    const { pace, at } = paceAt(1_000);
    at(0);
    pace.waitFor(50, 300, false);
    at(400);
    expect(pace.waitFor(50, 300, true)).toBe(1_000);
    // A batch is never held longer, however far ahead the pace would put it.
    at(450);
    pace.waitFor(50, 301, true);
    expect(pace.waitFor(5_000, 302, true)).toBe(1_000);
  });

  it('should look again shortly when it has not watched grouping long enough to tell its pace', () => {
    const { pace, at } = paceAt();
    at(0);
    expect(pace.waitFor(50, 0, true)).toBe(100);
  });
});

import { describe, expect, it } from 'vitest';
import { countWords, matchFindings, overlaps, perThousandWords, ratio } from './spans.ts';

describe('overlaps', () => {
  it('should match spans sharing a character, not spans that only touch', () => {
    expect(overlaps({ start: 0, end: 5 }, { start: 4, end: 8 })).toBe(true);
    expect(overlaps({ start: 0, end: 5 }, { start: 5, end: 8 })).toBe(false);
  });

  it('should match an empty span (a missing space) inside or at the edge of another', () => {
    expect(overlaps({ start: 8, end: 8 }, { start: 0, end: 11 })).toBe(true);
    expect(overlaps({ start: 0, end: 8 }, { start: 8, end: 8 })).toBe(true);
    expect(overlaps({ start: 12, end: 12 }, { start: 0, end: 11 })).toBe(false);
  });
});

describe('matchFindings', () => {
  it('should tell found mistakes and findings at no mistake apart', () => {
    const planted = [
      { start: 10, end: 18 },
      { start: 40, end: 47 },
    ];
    const findings = [
      { start: 12, end: 14, rule: 'spelling' },
      { start: 25, end: 30, rule: 'spelling' },
    ];
    const { found, unmatched } = matchFindings(planted, findings);
    expect(found).toEqual([true, false]);
    expect(unmatched).toEqual([findings[1]]);
  });
});

describe('counts', () => {
  it('should count words with inner apostrophes and hyphens as one', () => {
    expect(countWords('It’s a well-known fact, isn’t it? 42 times.')).toBe(8);
  });

  it('should give rates per 1,000 words and ratios', () => {
    expect(perThousandWords(3, 6000)).toBe(0.5);
    expect(ratio(5, 2)).toBe(2.5);
    expect(ratio(3, 0)).toBe(Number.POSITIVE_INFINITY);
  });
});

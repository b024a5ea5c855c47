import { describe, expect, it } from 'vitest';
import { fullDateTime, relativeTime } from './relative-time.ts';

// Local times, as the editor's clock shows them.
const now = new Date(2025, 2, 12, 15, 0, 0);
const ago = (ms: number) => new Date(now.getTime() - ms);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('relativeTime', () => {
  it('says "just now" for the last seconds', () => {
    expect(relativeTime(ago(10_000), now)).toBe('just now');
  });

  it('says "just now" for a moment slightly in the future (server clock ahead)', () => {
    expect(relativeTime(ago(-30_000), now)).toBe('just now');
  });

  it('counts whole minutes under an hour', () => {
    expect(relativeTime(ago(50_000), now)).toBe('1 min ago');
    expect(relativeTime(ago(5 * MINUTE + 40_000), now)).toBe('5 min ago');
    expect(relativeTime(ago(59 * MINUTE + 59_000), now)).toBe('59 min ago');
  });

  it('counts whole hours under a day', () => {
    expect(relativeTime(ago(HOUR), now)).toBe('1 h ago');
    expect(relativeTime(ago(3 * HOUR + 50 * MINUTE), now)).toBe('3 h ago');
  });

  it('says "yesterday" for the previous calendar day past 24 hours', () => {
    expect(relativeTime(new Date(2025, 2, 11, 9, 0), now)).toBe('yesterday');
  });

  it('counts calendar days within a week', () => {
    expect(relativeTime(new Date(2025, 2, 9, 23, 0), now)).toBe('3 days ago');
    expect(relativeTime(new Date(2025, 2, 6, 12, 0), now)).toBe('6 days ago');
  });

  it('shows a date past a week, with the year only when it is another year', () => {
    expect(relativeTime(new Date(2025, 1, 3, 12, 0), now)).toBe('3 Feb');
    expect(relativeTime(new Date(2024, 11, 24, 12, 0), now)).toBe('24 Dec 2024');
  });

  it('does not pretend to know when the date is invalid', () => {
    expect(relativeTime(new Date('not a date'), now)).toBe('at an unknown time');
    expect(fullDateTime(new Date('not a date'))).toBe('');
  });
});

describe('fullDateTime', () => {
  it('names the year, day and minute of the moment', () => {
    const text = fullDateTime(new Date(2025, 2, 12, 14, 5));
    expect(text).toContain('2025');
    expect(text).toContain('12');
    expect(text).toMatch(/05/);
  });
});

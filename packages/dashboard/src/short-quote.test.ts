import { describe, expect, it } from 'vitest';
import { shortQuote } from './short-quote.ts';

describe('shortQuote', () => {
  it('collapses whitespace and keeps a short quote whole', () => {
    expect(shortQuote('  the  mayor\nof Minks ')).toBe('the mayor of Minks');
  });

  it('cuts a long quote at a word and marks the cut', () => {
    const long = 'The council approved the budget on Tuesday after a debate that lasted well into the night.';
    const short = shortQuote(long);
    expect(short.endsWith('…')).toBe(true);
    expect(short.length).toBeLessThanOrEqual(61);
    expect(long.startsWith(short.slice(0, -1))).toBe(true);
    expect(long[short.length - 1]).toBe(' ');
  });

  it('cuts a long quote without spaces at the limit', () => {
    expect(shortQuote('x'.repeat(100))).toBe(`${'x'.repeat(60)}…`);
  });
});

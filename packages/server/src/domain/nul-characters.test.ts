import { describe, expect, it } from 'vitest';
import { holdsNul, nulIn } from './nul-characters.ts';

describe('a NUL character in a parsed value', () => {
  it('should be named by the field that holds it, however deep', () => {
    expect(nulIn({ quote: { exact: 'a\u0000b' } }, '')).toBe('quote.exact');
    expect(nulIn({ ids: ['x', '\u0000'] }, '')).toBe('ids[1]');
    expect(nulIn({ 'k\u0000': 1 }, '')).toBe('');
    expect(nulIn({ quote: { exact: 'plain' }, n: 1, none: null }, '')).toBeNull();
  });

  it('should be found in strings, keys and arrays, and nowhere else', () => {
    expect(holdsNul('a\u0000')).toBe(true);
    expect(holdsNul({ a: [1, { b: 'x\u0000' }] })).toBe(true);
    expect(holdsNul({ 'k\u0000': 1 })).toBe(true);
    expect(holdsNul({ a: [1, null, true, { b: 'plain' }], c: 'text' })).toBe(false);
  });

  it('should be looked for in a value nested far deeper than the call stack goes', () => {
    let deep: unknown = 'end\u0000';
    for (let level = 0; level < 200_000; level++) deep = [deep];
    expect(holdsNul(deep)).toBe(true);
    expect(nulIn({ deep }, '')).toMatch(/^deep(\[0\])+$/);
  });
});

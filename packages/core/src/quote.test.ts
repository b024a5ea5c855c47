import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QUOTE_CONTEXT_MAX } from './limits.ts';
import { describeRange } from './quote.ts';

describe('describeRange', () => {
  const text = 'The bridge to Roterdam opened in 1898.';

  it('gives the quote, its context and its position', () => {
    const start = text.indexOf('Roterdam');
    expect(describeRange(text, start, start + 8)).toEqual({
      quote: { exact: 'Roterdam', prefix: 'The bridge to ', suffix: ' opened in 1898.' },
      position: { start, end: start + 8 },
    });
  });

  it('trims whitespace selected around the words', () => {
    const start = text.indexOf(' Roterdam ');
    const described = describeRange(text, start, start + 10);
    expect(described?.quote.exact).toBe('Roterdam');
    expect(described?.position.start).toBe(start + 1);
  });

  it('gives nothing for an empty or all-blank range', () => {
    expect(describeRange(text, 3, 3)).toBeNull();
    expect(describeRange('a    b', 1, 5)).toBeNull();
  });

  it('always describes a slice of the text with context no longer than the limit', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.nat(), fc.nat(), (t, a, b) => {
        const d = describeRange(t, a % (t.length + 1), b % (t.length + 1));
        if (d === null) return;
        expect(t.slice(d.position.start, d.position.end)).toBe(d.quote.exact);
        expect(t.slice(0, d.position.start).endsWith(d.quote.prefix)).toBe(true);
        expect(t.slice(d.position.end).startsWith(d.quote.suffix)).toBe(true);
        expect(d.quote.prefix.length).toBeLessThanOrEqual(QUOTE_CONTEXT_MAX);
        expect(d.quote.suffix.length).toBeLessThanOrEqual(QUOTE_CONTEXT_MAX);
        expect(d.quote.exact).toBe(d.quote.exact.trim());
      }),
    );
  });
});

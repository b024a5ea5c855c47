import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, similarAtLeast, similarity } from './similarity.ts';

/** A string and another a few edits away from it: most pairs land near any threshold. */
const nearPair = fc
  .tuple(
    fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', 'é'), maxLength: 70 }),
    fc.array(
      fc.record({
        at: fc.nat(),
        edit: fc.constantFrom('insert', 'delete', 'replace'),
        char: fc.constantFrom('a', 'b', 'x'),
      }),
      { maxLength: 12 },
    ),
  )
  .map(([text, edits]) => {
    let other = text;
    for (const { at, edit, char } of edits) {
      const i = other.length === 0 ? 0 : at % other.length;
      if (edit === 'insert') other = other.slice(0, i) + char + other.slice(i);
      else if (edit === 'delete') other = other.slice(0, i) + other.slice(i + 1);
      else other = other.slice(0, i) + char + other.slice(i + 1);
    }
    return [text, other] as const;
  });

const threshold = fc.oneof(
  fc.constantFrom(0, 0.5, 0.8, 0.9, 0.95, 1),
  fc.double({ min: 0, max: 1, noNaN: true }),
);

describe('similarAtLeast', () => {
  it('agrees with similarity() ≥ min on strings a few edits apart', () => {
    fc.assert(
      fc.property(nearPair, threshold, ([a, b], min) => {
        expect(similarAtLeast(a, b, min)).toBe(similarity(a, b) >= min);
        expect(similarAtLeast(b, a, min)).toBe(similarity(b, a) >= min);
      }),
      { numRuns: 5_000 },
    );
  });

  it('agrees on unrelated strings of any lengths', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), threshold, (a, b, min) => {
        expect(similarAtLeast(a, b, min)).toBe(similarity(a, b) >= min);
      }),
      { numRuns: 2_000 },
    );
  });

  it('holds a context with one typo in ten characters as the same, and two as different', () => {
    const context = 'the council said its plan';
    expect(editDistance(context, 'the councl said its plan')).toBe(1);
    expect(similarAtLeast(context, 'the councl said its plan', 0.9)).toBe(true);
    expect(similarAtLeast(context, 'the councl said its plam', 0.9)).toBe(true);
    expect(similarAtLeast(context, 'teh councl said its plam', 0.9)).toBe(false);
    expect(similarAtLeast('', '', 0.9)).toBe(true);
    expect(similarAtLeast('', 'a', 0.9)).toBe(false);
  });
});

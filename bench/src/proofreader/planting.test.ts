import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Edit, inCaseOf, plant, wholeWordOffsets } from './planting.ts';

describe('plant', () => {
  it('should place each mistake where it ended up, whatever the order of the edits', () => {
    const text = 'Boats crossed the harbour. The bridge opened in Rotterdam.';
    const space = text.indexOf('. The') + 1;
    const city = text.indexOf('Rotterdam');
    const { text: planted, planted: mistakes } = plant(text, [
      { start: city, end: city + 9, replacement: 'Roterdam', kind: 'place-name' },
      { start: space, end: space + 1, replacement: '', kind: 'missing-space', before: 8, after: 3 },
      { start: 17, end: 17, replacement: ' the', kind: 'doubled-word', before: 3 },
    ]);
    expect(planted).toBe('Boats crossed the the harbour.The bridge opened in Roterdam.');
    expect(mistakes.map((m) => m.exact)).toEqual(['Roterdam', 'harbour.The', 'the the']);
    for (const m of mistakes) expect(planted.slice(m.start, m.end)).toBe(m.exact);
  });

  it('should refuse overlapping edits', () => {
    expect(() =>
      plant('one two three', [
        { start: 0, end: 7, replacement: 'x', kind: 'a' },
        { start: 4, end: 9, replacement: 'y', kind: 'b' },
      ]),
    ).toThrow(/overlaps/);
  });

  it('should keep every planted replacement at its span for any non-overlapping edits', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 60 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.string({ maxLength: 5 })), { maxLength: 6 }),
        (text, raw) => {
          const edits: Edit[] = [];
          let from = 0;
          for (const [gap, length, replacement] of raw) {
            const start = from + (gap % 5);
            const end = start + length;
            if (end > text.length) break;
            edits.push({ start, end, replacement, kind: 'k' });
            from = end;
          }
          const result = plant(text, edits.reverse());
          result.planted.forEach((mistake, i) => {
            expect(mistake.exact).toBe(edits[i]!.replacement);
          });
          const removed = edits.reduce((n, e) => n + e.end - e.start - e.replacement.length, 0);
          expect(result.text.length).toBe(text.length - removed);
        },
      ),
    );
  });
});

describe('wholeWordOffsets', () => {
  it('should find a word only where it stands alone', () => {
    expect(wholeWordOffsets('the theatre, the end; bathe the', 'the')).toEqual([0, 13, 28]);
  });
});

describe('inCaseOf', () => {
  it('should write the wrong form in the right form’s case', () => {
    expect(inCaseOf('Receive', 'recieve')).toBe('Recieve');
    expect(inCaseOf('RECEIVE', 'recieve')).toBe('RECIEVE');
    expect(inCaseOf('receive', 'recieve')).toBe('recieve');
  });
});

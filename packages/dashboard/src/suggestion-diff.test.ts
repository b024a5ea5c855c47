import { describe, expect, it } from 'vitest';
import { diffSegments } from './suggestion-diff.ts';

const shown = (quote: string, suggestion: string) =>
  diffSegments(quote, suggestion)
    .map((s) => (s.type === 'same' ? s.text : s.type === 'removed' ? `[-${s.text}]` : `{+${s.text}}`))
    .join('');

describe('diffSegments', () => {
  it('marks the swapped letters of a typo and keeps the rest', () => {
    expect(shown('Lisbno', 'Lisbon')).toBe('Lisb[-n]o{+n}');
  });

  it('reads back as the quote without the added and as the suggestion without the removed', () => {
    const segments = diffSegments('in Minks and', 'in Minsk and');
    expect(
      segments
        .filter((s) => s.type !== 'added')
        .map((s) => s.text)
        .join(''),
    ).toBe('in Minks and');
    expect(
      segments
        .filter((s) => s.type !== 'removed')
        .map((s) => s.text)
        .join(''),
    ).toBe('in Minsk and');
  });

  it('shows an empty suggestion as removing the whole quote, and a same one as unchanged', () => {
    expect(diffSegments('the the', '')).toEqual([{ type: 'removed', text: 'the the' }]);
    expect(diffSegments('same', 'same')).toEqual([{ type: 'same', text: 'same' }]);
  });

  it('keeps markup-like text as text', () => {
    expect(shown('a', '<b>a</b>')).toBe('{+<b>}a{+</b>}');
  });
});

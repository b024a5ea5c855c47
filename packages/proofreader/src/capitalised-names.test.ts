import { describe, expect, it } from 'vitest';
import { capitalisedNames } from './capitalised-names.ts';

describe('capitalisedNames', () => {
  it('lists the capitalised words that do not open a sentence, possessives trimmed', () => {
    const text =
      'Organiser Jude Marsh said the Mill Street market returns. Marsh’s shop stays open. NATO agreed.';
    expect(capitalisedNames(text, 'en')).toEqual(['Jude', 'Marsh', 'Mill', 'Street']);
  });
});

import type { SiteWord } from '@errata/core';
import { describe, expect, it } from 'vitest';
import { sortWords, WORD_SOURCE_WORDS, withoutWord, wordDraftError } from './site-words.ts';

const word = (text: string, source: SiteWord['source'] = 'editor'): SiteWord => ({
  word: text,
  source,
  addedAt: '2026-12-04T10:00:00Z',
});

describe('the site words list', () => {
  it('says who put each word there', () => {
    expect(WORD_SOURCE_WORDS.editor).toBe('added by an editor');
    expect(WORD_SOURCE_WORDS.dismissed).toBe('learned from a rejected finding');
  });

  it('lists the words alphabetically, whatever their case or accents', () => {
    const sorted = sortWords([word('Roterdam'), word('ångström'), word('Aarhus'), word('bergen')]);
    expect(sorted.map((entry) => entry.word)).toEqual(['Aarhus', 'ångström', 'bergen', 'Roterdam']);
  });

  it('takes one word off the list', () => {
    expect(withoutWord([word('Minsk'), word('Minks')], 'Minks').map((entry) => entry.word)).toEqual([
      'Minsk',
    ]);
  });
});

describe('wordDraftError', () => {
  it('refuses an empty word and one longer than the limit', () => {
    expect(wordDraftError('   ')).toBe('Type a word to add.');
    expect(wordDraftError('x'.repeat(65))).toMatch(/at most 64 characters/);
  });

  it('lets a name through, spaces around it aside', () => {
    expect(wordDraftError(' Lukashenka ')).toBeNull();
  });
});

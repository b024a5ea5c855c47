import { codePointLength, SITE_WORD_MAX, type SiteWord, type SiteWordSource } from '@errata/core';

/** Where a word of the list came from, as the list says it. */
export const WORD_SOURCE_WORDS: Record<SiteWordSource, string> = {
  editor: 'added by an editor',
  dismissed: 'learned from a rejected finding',
};

/** The site's words in the order an editor looks one up: alphabetical, case and accents aside. */
export function sortWords(words: readonly SiteWord[]): SiteWord[] {
  return [...words].sort((a, b) => a.word.localeCompare(b.word, undefined, { sensitivity: 'base' }));
}

/**
 * Why a word typed cannot be added, before asking the server (which has the last say); null when it may.
 * @example wordDraftError('  ') === 'Type a word to add.'
 */
export function wordDraftError(typed: string): string | null {
  const word = typed.trim();
  if (word === '') return 'Type a word to add.';
  if (codePointLength(word) > SITE_WORD_MAX) return `A word is at most ${SITE_WORD_MAX} characters.`;
  return null;
}

/** The list after the server took a word off it; words compare as the server stores them, trimmed. */
export function withoutWord(words: readonly SiteWord[], word: string): SiteWord[] {
  return words.filter((entry) => entry.word !== word);
}

/**
 * The baseline: a plain Hunspell check of every word with the same dictionary-en the
 * proofreader uses (hunspell-asm), each word it rejects flagged. This is what nspell and
 * typo-js do, and ../shared/MEASUREMENTS.md found them to flag the same words.
 */
import dictionary from 'dictionary-en';
import { loadModule } from 'hunspell-asm';
import type { Span } from './spans.ts';

/** Letters with apostrophes inside: a hyphenated word is checked part by part, as nspell does. */
const WORD = /\p{L}+(?:['’]\p{L}+)*/gu;

export interface BaselineSpeller {
  /** Every word of `text` the dictionary rejects. */
  flag(text: string): Span[];
  /** Whether the dictionary accepts one word. */
  accepts(word: string): boolean;
  /** Hunspell's suggestions for one word, best first. */
  suggest(word: string): string[];
}

/** Loads Hunspell with dictionary-en; word verdicts are cached for the run. */
export async function hunspellBaseline(): Promise<BaselineSpeller> {
  const factory = await loadModule();
  const hunspell = factory.create(
    factory.mountBuffer(dictionary.aff, 'baseline-en.aff'),
    factory.mountBuffer(dictionary.dic, 'baseline-en.dic'),
  );
  const verdicts = new Map<string, boolean>();
  const accepts = (word: string): boolean => {
    let verdict = verdicts.get(word);
    if (verdict === undefined) {
      verdict = hunspell.spell(word.replace(/’/g, "'"));
      verdicts.set(word, verdict);
    }
    return verdict;
  };
  return {
    accepts,
    flag: (text) =>
      [...text.matchAll(WORD)]
        .filter((match) => !accepts(match[0]))
        .map((match) => ({ start: match.index, end: match.index + match[0].length })),
    suggest: (word) => hunspell.suggest(word),
  };
}

/**
 * Split words: two words run together, "theyear" for "the year" (see `isMissingSpace` for
 * which; two shorter words together, "filename", are usually a closed compound). Not run for German, where Hunspell already accepts the language's compounds and
 * any unknown one is far likelier a new compound than a missing space.
 */

import { isAccepted, unknownWords } from '../accepted-words.ts';
import { isEnglishDerivation } from '../derivations.ts';
import type { Dictionary } from '../dictionary.ts';
import { editDistance } from '../edit-distance.ts';
import type { Finding } from '../finding.ts';
import { isFunctionWord, isWordAfterWord } from '../function-words.ts';
import { confidence } from './confidence.ts';
import type { RuleContext } from './rule.ts';

const MIN_PART = 2; // Letters of each part: "a" + "lot" is a different, idiomatic matter.
// Function words that are also prefixes: "formating" is a misspelt word, not "for mating".
const PREFIX_LIKE = new Set([
  'for',
  'over',
  'after',
  'before',
  'under',
  'into',
  'onto',
  'be',
  'no',
  'not',
  'con',
  'de',
  'per',
  'pro',
]);
const MIN_WORD_AFTER = 4; // Letters of the word after a function word: short ones ("la" + "gro") are noise.
const COMPOUND_PART = 4; // Letters of each part of a closed compound: "consist" + "ant" is a typo.
const LONG_RUN = 12; // Letters from which two words together are a lost space, not a compound.
const LANGUAGES_WITHOUT_SPLITS = new Set(['de']);

/** How an unknown word splits into two the dictionary accepts, if it does. */
export interface Split {
  left: string;
  right: string;
  /** A function word is one of the parts: a missing space, not a compound. */
  missingSpace: boolean;
}

/**
 * Whether two words run together read as a lost space rather than a compound: a function
 * word first ("theyear", "inorder") or both ("ofthe"); a pronoun or auxiliary after a word
 * ("wouldhave", "criticizeshim"); an inflected word first ("carriedsmall"); or two long words
 * ("comprehensiveplan"), longer than the closed compounds of technical prose ("filename").
 * A function word at the end is usually the word's own ending ("compat", "missin", "proto").
 */
function isMissingSpace(lang: string, left: string, right: string): boolean {
  const leftFunction = isFunctionWord(lang, left) && !PREFIX_LIKE.has(left);
  if (leftFunction && right.length >= MIN_WORD_AFTER) return true;
  if (isFunctionWord(lang, left) && isFunctionWord(lang, right)) return true;
  if (left.length >= 3 && !PREFIX_LIKE.has(left) && isWordAfterWord(lang, right)) return true;
  if (lang === 'en' && left.length >= 5 && /(?:ed|ing)$/.test(left) && right.length >= 3) return true;
  // A noun of agents after another word ("addressparser", "mailcomposer") names a tool.
  if (/(?:er|or)s?$/.test(right)) return false;
  return (
    left.length >= COMPOUND_PART && right.length >= COMPOUND_PART && left.length + right.length >= LONG_RUN
  );
}

export function splitInTwo(dictionary: Dictionary, word: string): Split | undefined {
  let compound: Split | undefined;
  for (let i = MIN_PART; i <= word.length - MIN_PART; i++) {
    const left = word.slice(0, i);
    const right = word.slice(i);
    if (/^['’-]|['’-]$/u.test(left) || /^['’-]/u.test(right)) continue;
    if (!isAccepted(dictionary, left) || !isAccepted(dictionary, right)) continue;
    const missingSpace = isMissingSpace(dictionary.lang, left, right);
    if (missingSpace) return { left, right, missingSpace };
    if (!compound && left.length >= COMPOUND_PART && right.length >= COMPOUND_PART) {
      compound = { left, right, missingSpace };
    }
  }
  return compound;
}

export function splitWord(context: RuleContext): Finding[] {
  const { dictionary, lang, budget } = context;
  if (!dictionary || LANGUAGES_WITHOUT_SPLITS.has(lang)) return [];
  const findings: Finding[] = [];
  const unknown = unknownWords(context);
  const uses = new Map<string, number>();
  for (const word of unknown) uses.set(word.text, (uses.get(word.text) ?? 0) + 1);
  for (const word of unknown) {
    if (word.shape !== 'lower' || /['’‐-]/u.test(word.text)) continue;
    // Two swapped letters ("lagro" for "largo") explain an unknown word better than a lost
    // space, and a prefix or suffix ("autodetected", "merchantability") better than two words.
    if (dictionary.wordsOneEditAway(word.text).some((edit) => edit.kind === 'swap')) continue;
    if (lang === 'en' && isEnglishDerivation(dictionary, word.text)) continue;
    const split = splitInTwo(dictionary, word.text);
    if (!split?.missingSpace) continue;
    const pair = `${split.left} ${split.right}`;
    const { suggestions, word: meant } = splitSuggestions(
      pair,
      budget.suggest(dictionary, word.text),
      word.text,
    );
    findings.push({
      start: word.start,
      end: word.end,
      text: word.text,
      rule: 'split-word',
      message: meant
        ? `“${word.text}” may be “${meant}”, or “${pair}” without its space.`
        : `“${word.text}” looks like “${pair}” without its space.`,
      suggestions,
      // Written that way more than once, it is more likely a name ("mailcomposer") than a slip.
      confidence: (uses.get(word.text) ?? 0) > 1 ? confidence.unknownRepeated : confidence.splitWord,
    });
  }
  return findings;
}

const TWO_WORDS = /[\s‐-]/u;

/**
 * The two words first, then Hunspell's other suggestions in its order; but when Hunspell ranks
 * one word within two slips above the two words ("intension": "intention" before "in tension"),
 * that word first: Hunspell weighs the letters typed, the split only that both halves exist.
 */
function splitSuggestions(
  pair: string,
  hunspell: readonly string[],
  written: string,
): { suggestions: string[]; word: string | undefined } {
  const hyphenated = pair.replace(' ', '-');
  const others = hunspell.filter((suggestion) => suggestion !== pair && suggestion !== hyphenated);
  const first = hunspell[0];
  const word =
    first !== undefined &&
    first !== pair &&
    !TWO_WORDS.test(first) &&
    editDistance(first.toLowerCase(), written.toLowerCase(), 2) <= 2
      ? first
      : undefined;
  return word
    ? { suggestions: [word, pair, ...others.slice(1)], word }
    : { suggestions: [pair, ...others], word: undefined };
}

/**
 * Which words the dictionary knows: casing, British spellings and hyphenated parts allowed.
 */
import type { Dictionary } from './dictionary.ts';
import { isWrittenIn, LANGUAGE_SCRIPTS } from './languages.ts';
import type { RuleContext } from './rules/rule.ts';
import { spellingVariants } from './spelling-variants.ts';
import type { Word } from './tokenize.ts';
import { wordShape } from './tokenize.ts';

/** Whether the dictionary accepts the word in a casing the language allows, part by part. */
export function isAccepted(dictionary: Dictionary, word: string): boolean {
  if (dictionary.accepts(word)) return true;
  const lower = word.toLowerCase();
  if (lower !== word && dictionary.accepts(lower)) return true;
  if (spellingVariants(dictionary.id, word).some((variant) => dictionary.accepts(variant))) return true;
  const parts = word.split(/[‐-]/);
  if (parts.length > 1) {
    return parts.every((part) => {
      const shape = wordShape(part);
      // An acronym or a product name inside a compound ("COVID-related") is not spelling.
      if (part.length < 2 || shape === 'upper' || shape === 'mixed') return true;
      return isAccepted(dictionary, part);
    });
  }
  return false;
}

/** The words of the text the spelling rules look at: prose words in the language's script. */
export function checkableWords(context: RuleContext): Word[] {
  const script = context.supportedLang ? LANGUAGE_SCRIPTS[context.supportedLang] : undefined;
  return context.words.filter(
    (word) =>
      !word.skipped &&
      (word.shape === 'lower' || word.shape === 'capitalised') &&
      word.text.length > 1 &&
      (script === undefined || isWrittenIn(word.text, script)),
  );
}

/** Unknown words: rejected by the dictionary and not on the site's list. */
export function unknownWords(context: RuleContext): Word[] {
  const { dictionary, known } = context;
  if (!dictionary) return [];
  return checkableWords(context).filter(
    (word) => !known.has(word.text) && !isAccepted(dictionary, word.text),
  );
}

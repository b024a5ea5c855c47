/**
 * Spelling: a word the language's Hunspell dictionary rejects. Names are not mistakes, so an
 * unknown capitalised word is reported below the product threshold (the consistency rule
 * raises the ones that look like a misspelt name); an unknown lower-case word is a likely typo.
 */
import { checkableWords, isAccepted, unknownWords } from '../accepted-words.ts';
import { isEnglishDerivation } from '../derivations.ts';
import type { Dictionary, EditKind } from '../dictionary.ts';
import { editDistance } from '../edit-distance.ts';
import type { Finding } from '../finding.ts';
import { isCommonWord } from '../function-words.ts';
import { isWrittenIn, LANGUAGE_NAMES, LANGUAGE_SCRIPTS, type SupportedLanguage } from '../languages.ts';
import type { Word } from '../tokenize.ts';
import { confidence } from './confidence.ts';
import type { RuleContext } from './rule.ts';
import { splitInTwo } from './split-word.ts';

const LONG_WORD = 7; // Letters from which a typo two edits from its word is still clearly a typo.
const SHORT_WORD = 4; // Letters up to which an unknown word is more often an abbreviation.
const FOREIGN_LINE_UNKNOWN = 3; // Unknown words from which a line may be in another language...
const FOREIGN_LINE_SHARE = 0.25; // ...when they are this share of its lower-case words.
const STRONG_SLIPS = new Set<EditKind>(['swap', 'missing', 'doubled']);

export function spelling(context: RuleContext): Finding[] {
  const { dictionary, supportedLang, budget } = context;
  if (!dictionary || !supportedLang) return [];
  const unknown = unknownWords(context);
  const uses = new Map<string, number>();
  for (const word of unknown) uses.set(word.text.toLowerCase(), (uses.get(word.text.toLowerCase()) ?? 0) + 1);
  const foreign = foreignLines(context, unknown);
  return [
    ...unknown.map((word): Finding => {
      const inForeignLine = word.shape === 'lower' && foreign.has(lineOf(context.text, word.start));
      const sure = inForeignLine
        ? confidence.unknownFar
        : howSure(dictionary, word, uses.get(word.text.toLowerCase()) ?? 0, context);
      // "well-knwon": the finding is the part that is wrong, and its suggestions are for that part.
      const { start, text } = unknownPart(dictionary, word);
      let suggestions =
        sure >= confidence.threshold
          ? budget.suggest(dictionary, text)
          : (dictionary.cachedSuggestions(text) ?? []);
      // "Teh": Hunspell offers "Te" first; the common word the fingers slipped from comes first.
      const common =
        word.shape === 'capitalised'
          ? commonWordSlip(dictionary, word.text.toLowerCase(), context.lang)
          : undefined;
      if (sure >= confidence.threshold && common) {
        const capitalised = common[0]!.toUpperCase() + common.slice(1);
        suggestions = [capitalised, ...suggestions.filter((suggestion) => suggestion !== capitalised)];
      }
      return {
        start,
        end: start + text.length,
        text,
        rule: 'spelling',
        message: `“${text}” is not in the ${LANGUAGE_NAMES[supportedLang]} dictionary.`,
        suggestions,
        confidence: sure,
      };
    }),
    ...shoutedWords(context, dictionary, supportedLang),
  ];
}

const MIN_SHOUTED = 5; // Letters from which an all-caps word may be a word shouted, not an acronym.

/**
 * Long words in capitals the dictionary rejects in any casing ("EXPLIAN"): an acronym or a
 * misspelling shouted in a heading, no way to tell, so below the threshold like a name; the
 * findings get Hunspell's suggestions for an editor or a tool that reads them.
 */
function shoutedWords(context: RuleContext, dictionary: Dictionary, lang: SupportedLanguage): Finding[] {
  const script = LANGUAGE_SCRIPTS[lang];
  return context.words
    .filter(
      (word) =>
        !word.skipped &&
        word.shape === 'upper' &&
        word.text.length >= MIN_SHOUTED &&
        /^\p{L}+$/u.test(word.text) &&
        isWrittenIn(word.text, script) &&
        !context.known.has(word.text) &&
        !isAccepted(dictionary, word.text),
    )
    .map((word) => ({
      start: word.start,
      end: word.end,
      text: word.text,
      rule: 'spelling',
      message: `“${word.text}” is not in the ${LANGUAGE_NAMES[lang]} dictionary.`,
      suggestions: dictionary.cachedSuggestions(word.text) ?? [],
      confidence: confidence.name,
    }));
}

/**
 * The one part of a hyphenated word the dictionary rejects ("knwon" of "well-knwon"), the word
 * without its possessive ("comittee" of "comittee’s"), or the whole word when it has no hyphen
 * or more than one part is unknown.
 */
function unknownPart(dictionary: Dictionary, word: Word): { start: number; text: string } {
  const stem = /^([^‐-]+)['’]s$/u.exec(word.text)?.[1];
  if (stem && !isAccepted(dictionary, stem)) return { start: word.start, text: stem };
  const parts = [...word.text.matchAll(/[^‐-]+/gu)].filter((part) => !isAccepted(dictionary, part[0]));
  const part = parts.length === 1 && parts[0]![0] !== word.text ? parts[0]! : undefined;
  return part ? { start: word.start + part.index, text: part[0] } : { start: word.start, text: word.text };
}

/** Where the line holding `offset` starts: lines are the text's blocks (paragraphs, headings). */
function lineOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/**
 * Lines in another language (a quotation in Latin, placeholder "lorem ipsum"): many of their
 * lower-case words are unknown, and reporting each would bury the real slips.
 */
function foreignLines(context: RuleContext, unknown: Word[]): Set<number> {
  const counts = new Map<number, { words: number; unknown: number }>();
  for (const word of checkableWords(context)) {
    if (word.shape !== 'lower') continue;
    const line = lineOf(context.text, word.start);
    const count = counts.get(line) ?? { words: 0, unknown: 0 };
    count.words++;
    counts.set(line, count);
  }
  for (const word of unknown) {
    const count = counts.get(lineOf(context.text, word.start));
    if (count && word.shape === 'lower') count.unknown++;
  }
  const foreign = new Set<number>();
  for (const [line, count] of counts) {
    if (count.unknown >= FOREIGN_LINE_UNKNOWN && count.unknown >= count.words * FOREIGN_LINE_SHARE)
      foreign.add(line);
  }
  return foreign;
}

/** A common word of three letters or more: "ast" is not a slip for "as", but "tyhe" is for "the". */
function isCommonSlip(lang: string, word: string): boolean {
  const plain = word.replaceAll("'", '');
  return plain.length >= 3 && isCommonWord(lang, plain);
}

/** Whether Hunspell's first suggestions (bounded in time) hold a common word two edits away. */
function suggestsCommonWord(
  dictionary: Dictionary,
  written: string,
  lower: string,
  context: RuleContext,
): boolean {
  return context.budget
    .suggest(dictionary, written)
    .slice(0, 3)
    .some((suggestion) => isCommonSlip(context.lang, suggestion) && editDistance(suggestion, lower, 2) <= 2);
}

/** The common word one swap, missing or doubled letter from `word`, if any ("teh" → "the"). */
function commonWordSlip(dictionary: Dictionary, word: string, lang: string): string | undefined {
  return dictionary
    .wordsOneEditAway(word)
    .find((edit) => STRONG_SLIPS.has(edit.kind) && isCommonSlip(lang, edit.word))?.word;
}

/** Whether a swap, a missing or a doubled letter leads to a word (not just an apostrophe: "Redistributions"). */
function strongSlip(dictionary: Dictionary, lower: string): boolean {
  return dictionary
    .wordsOneEditAway(lower)
    .some((edit) => STRONG_SLIPS.has(edit.kind) && !edit.word.includes("'"));
}

/**
 * How likely an unknown word is a typo rather than a name, a term or a compound: a typo is
 * one or two edits from a word the dictionary knows, the way the fingers slip.
 */
function howSure(dictionary: Dictionary, word: Word, uses: number, context: RuleContext): number {
  const lower = word.text.toLowerCase();
  if (word.shape === 'capitalised') {
    if (word.sentenceStart && commonWordSlip(dictionary, lower, context.lang))
      return confidence.unknownLowerCase;
    // "Negotations": a long word opening a sentence, one slip from a lower-case word, is that
    // word mistyped; the names that close to a word are short ones.
    if (
      word.sentenceStart &&
      lower.length >= LONG_WORD &&
      !/[‐-]/u.test(lower) &&
      strongSlip(dictionary, lower)
    )
      return confidence.unknownLowerCase;
    return word.sentenceStart ? confidence.unknownAtSentenceStart : confidence.name;
  }
  // "js-tokens", "is-wsl": hyphenated names of things more often than misspelt compounds.
  if (/[‐-]/u.test(lower)) return confidence.unknownCompound;
  if (uses > 1) return confidence.unknownRepeated;
  // "felixge’s": a possessive makes an unknown word a name, written in lower case.
  if (/['’]s$/u.test(lower)) return confidence.name;
  const edits = dictionary.wordsOneEditAway(lower);
  // Short unknown words are mostly abbreviations ("args", "tmp"): a slip is a swap ("teh"),
  // or any slip from one of the commonest words ("tyhe", "wich").
  if (lower.length <= SHORT_WORD) {
    const slip =
      (lower.length >= 3 &&
        edits.some((edit) => edit.kind === 'swap' || isCommonSlip(context.lang, edit.word))) ||
      (lower.length === SHORT_WORD && suggestsCommonWord(dictionary, word.text, lower, context));
    return slip ? confidence.unknownLowerCase : confidence.unknownFar;
  }
  // A swap, a dropped or a doubled letter is a slip even where the word could be a compound.
  if (edits.some((edit) => STRONG_SLIPS.has(edit.kind))) return confidence.unknownLowerCase;
  if (context.lang !== 'de' && splitInTwo(dictionary, lower)) return confidence.unknownCompound;
  if (context.lang === 'en' && isEnglishDerivation(dictionary, lower)) return confidence.unknownCompound;
  // A letter before a word ("rvalue", "kcheck") is a prefix more often than a typo.
  if (edits.some((edit) => edit.kind !== 'extra-first')) return confidence.unknownLowerCase;
  // Two slips in a common word ("htikn", "ahev") are still a common word mistyped.
  if (lower.length <= LONG_WORD && suggestsCommonWord(dictionary, word.text, lower, context)) {
    return confidence.unknownLowerCase;
  }
  if (lower.length >= LONG_WORD) {
    // Longer words are mistyped twice as often; Hunspell's suggestions (bounded in time) tell.
    // Two words ("change log") say compound, not typo.
    const close = context.budget
      .suggest(dictionary, word.text)
      .some(
        (suggestion) => !/[\s‐-]/u.test(suggestion) && editDistance(suggestion.toLowerCase(), lower, 2) <= 2,
      );
    if (close) return confidence.unknownLowerCase;
  }
  return confidence.unknownFar;
}

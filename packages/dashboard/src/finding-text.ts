import { type Erratum, SITE_WORD_MAX } from '@errata/core';

/** Each proofreader rule in the inbox's words: "spelling", "same mistake". */
const RULE_WORDS: Record<string, string> = {
  spelling: 'spelling',
  consistency: 'consistency',
  'split-word': 'split word',
  'repeated-word': 'repeated word',
  'quotation-marks': 'quotation marks',
  'punctuation-spacing': 'punctuation spacing',
  'same-mistake': 'same mistake',
};

/**
 * Rules whose finding is a word the site may simply spell so (a name, a term): dismissing one
 * puts the word on the site's list, so the proofreader stops flagging it (the server does it).
 */
const WORD_RULES: readonly string[] = ['spelling', 'consistency', 'split-word'];

/** At or above this the proofreader is all but sure: "very likely". */
const VERY_LIKELY = 0.9;
/** At or above this a finding is "likely" a mistake; below it only "possibly". */
const LIKELY = 0.7;

/** True for an erratum the proofreader found, not a reader. */
export function isProofread(erratum: Pick<Erratum, 'source'>): boolean {
  return erratum.source === 'proofreader';
}

/**
 * A rule in words; a rule this dashboard does not know yet reads as its name without hyphens.
 * @example ruleWords('split-word') === 'split word'
 */
export function ruleWords(rule: string): string {
  return RULE_WORDS[rule] ?? rule.replace(/-/g, ' ');
}

/**
 * How sure the proofreader is, in words, from its confidence (0–1).
 * @example confidenceWords(0.95) === 'very likely'; confidenceWords(0.5) === 'possibly'
 */
export function confidenceWords(confidence: number): string {
  if (confidence >= VERY_LIKELY) return 'very likely';
  if (confidence >= LIKELY) return 'likely';
  return 'possibly';
}

/**
 * The word that marking a proofreader erratum "not a mistake" teaches the site, or null when
 * dismissing it teaches nothing (a reader's erratum, a repeated word, a quotation mark).
 */
export function wordTaughtBy(erratum: Pick<Erratum, 'source' | 'finding' | 'quote'>): string | null {
  if (!isProofread(erratum) || !erratum.finding || !WORD_RULES.includes(erratum.finding.rule)) return null;
  const word = erratum.quote.exact.trim();
  // The server keeps no word longer than a site word may be (it counts UTF-16 units, as here).
  return word === '' || word.length > SITE_WORD_MAX ? null : word;
}

/** The sentence beside "Not a mistake" when it teaches a word: “Not a mistake” adds “Roterdam” to the site's words. */
export function rejectHint(word: string): string {
  return `“Not a mistake” adds “${word}” to the site's words: the proofreader stops flagging it.`;
}

/**
 * The proofreader's suggestions a card shows beside the readers': those no reader made already.
 * @example findingSuggestions(['Rotterdam'], [{ text: 'Rotterdam', count: 2 }]) // []
 */
export function findingSuggestions(
  finding: Erratum['finding'],
  readers: readonly { text: string }[],
): string[] {
  if (!finding) return [];
  const suggested = new Set(readers.map((suggestion) => suggestion.text.trim()));
  return finding.suggestions.filter((text) => !suggested.has(text.trim()));
}

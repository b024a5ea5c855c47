import { type Dictionary, dictionaryFor } from './dictionary.ts';
import type { CheckOptions, Finding } from './finding.ts';
import { KnownWords } from './known-words.ts';
import { dictionaryId, isSupportedLanguage, primaryLanguage } from './languages.ts';
import { confidence } from './rules/confidence.ts';
import { consistency } from './rules/consistency.ts';
import { punctuationSpacing } from './rules/punctuation-spacing.ts';
import { quotationMarks } from './rules/quotation-marks.ts';
import { repeatedWord } from './rules/repeated-word.ts';
import type { Rule, RuleContext } from './rules/rule.ts';
import { spelling } from './rules/spelling.ts';
import { splitWord } from './rules/split-word.ts';
import { SuggestionBudget } from './suggestion-budget.ts';
import { skippedRanges, tokenize } from './tokenize.ts';

const RULES: Rule[] = [repeatedWord, punctuationSpacing, quotationMarks];
// Rules that judge the same unknown word, most specific first: only the first finding on a word
// is kept ("Roterdam" is a variant of a name, not also a misspelling).
const WORD_RULES: Rule[] = [consistency, splitWord, spelling];

/**
 * Finds likely mistakes in `text`, sorted by where they start. Loads the language's
 * dictionary on first use; a language without one gets the language-independent rules.
 *
 * @example
 * const findings = await check('We will recieve the the parcel.', { lang: 'en' });
 * // [{ text: 'recieve', rule: 'spelling', suggestions: ['receive', …], … },
 * //  { text: 'the the', rule: 'repeated-word', suggestions: ['the'], … }]
 */
export async function check(text: string, options: CheckOptions): Promise<Finding[]> {
  const lang = primaryLanguage(options.lang ?? '');
  const supportedLang = isSupportedLanguage(lang) ? lang : undefined;
  const id = dictionaryId(options.lang ?? '');
  const dictionary = id ? await dictionaryFor(id).catch(() => undefined) : undefined;
  const skipped = skippedRanges(text);
  const context: RuleContext = {
    text,
    skipped,
    lang,
    supportedLang,
    words: tokenize(text, skipped),
    dictionary,
    known: new KnownWords(options.knownWords),
    budget: new SuggestionBudget(),
  };
  const findings = RULES.flatMap((rule) => rule(context));
  const judged: Finding[] = [];
  for (const rule of WORD_RULES) {
    for (const finding of rule(context)) {
      if (judged.some((other) => other.start < finding.end && finding.start < other.end)) continue;
      judged.push(finding);
      findings.push(finding);
    }
  }
  if (dictionary) suggestBelowThreshold(findings, dictionary, context.budget);
  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Misspellings below the threshold (a name, a capitalised word opening a sentence, a word far
 * from any other) get Hunspell's suggestions too, surest first, from what the findings at the
 * threshold left of the check's suggestion budget: the CLI and an editor reading them see the
 * word meant, and the product's findings never wait for them.
 */
function suggestBelowThreshold(findings: Finding[], dictionary: Dictionary, budget: SuggestionBudget): void {
  const waiting = findings
    .filter(
      (finding) =>
        finding.rule === 'spelling' &&
        finding.suggestions.length === 0 &&
        finding.confidence < confidence.threshold,
    )
    .sort((a, b) => b.confidence - a.confidence);
  for (const finding of waiting) finding.suggestions = budget.suggest(dictionary, finding.text);
}

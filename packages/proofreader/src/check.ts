import { dictionaryFor } from './dictionary.ts';
import type { CheckOptions, Finding } from './finding.ts';
import { KnownWords } from './known-words.ts';
import { isSupportedLanguage, primaryLanguage } from './languages.ts';
import { consistency } from './rules/consistency.ts';
import { punctuationSpacing } from './rules/punctuation-spacing.ts';
import { quotationMarks } from './rules/quotation-marks.ts';
import { repeatedWord } from './rules/repeated-word.ts';
import type { Rule, RuleContext } from './rules/rule.ts';
import { spelling } from './rules/spelling.ts';
import { splitWord } from './rules/split-word.ts';
import { SuggestionBudget } from './suggestion-budget.ts';
import { skippedRanges, tokenize } from './tokenize.ts';

// Order matters where two rules find the same words: the first one's finding is kept.
const RULES: Rule[] = [repeatedWord, punctuationSpacing, quotationMarks, consistency, splitWord, spelling];

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
  const dictionary = supportedLang ? await dictionaryFor(supportedLang).catch(() => undefined) : undefined;
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
  const findings: Finding[] = [];
  for (const rule of RULES) {
    for (const finding of rule(context)) {
      if (findings.some((kept) => overlaps(kept, finding))) continue;
      findings.push(finding);
    }
  }
  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
}

function overlaps(a: Finding, b: Finding): boolean {
  return a.start < b.end && b.start < a.end;
}

import type { Dictionary } from '../dictionary.ts';
import type { Finding } from '../finding.ts';
import type { KnownWords } from '../known-words.ts';
import type { SupportedLanguage } from '../languages.ts';
import type { SuggestionBudget } from '../suggestion-budget.ts';
import type { Word } from '../tokenize.ts';

/** What every rule sees of one check. */
export interface RuleContext {
  /** The text checked; findings' offsets point into it. */
  text: string;
  /** Primary language subtag ("en"), supported or not. */
  lang: string;
  /** The language when a dictionary exists for it. */
  supportedLang: SupportedLanguage | undefined;
  words: Word[];
  /** Where the text is code, a URL or a package name rather than prose (`skippedRanges`). */
  skipped: Array<[number, number]>;
  /** Absent for languages without a dictionary: only language-independent rules run. */
  dictionary: Dictionary | undefined;
  known: KnownWords;
  budget: SuggestionBudget;
}

export type Rule = (context: RuleContext) => Finding[];

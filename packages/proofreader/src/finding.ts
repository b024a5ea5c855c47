/** The rules the proofreader runs; each lives in `rules/<rule>.ts` with its own tests. */
export const PROOFREADER_RULES = [
  'spelling',
  'consistency',
  'split-word',
  'repeated-word',
  'quotation-marks',
  'punctuation-spacing',
] as const;
export type ProofreaderRule = (typeof PROOFREADER_RULES)[number];

/** One likely mistake in a text. Offsets are UTF-16 code units of the text checked. */
export interface Finding {
  /** Where the mistake starts in the text checked. */
  start: number;
  /** Where it ends (exclusive). */
  end: number;
  /** `text.slice(start, end)`: the words as they stand. */
  text: string;
  /** The rule that found it. */
  rule: ProofreaderRule;
  /** For an editor, in one sentence: "“Roterdam” is spelt “Rotterdam” 3 times in this text." */
  message: string;
  /** Replacements for `text`, best first; may be empty. */
  suggestions: string[];
  /** How sure the rule is, 0–1; the product turns findings at or above a threshold into errata. */
  confidence: number;
}

/** Options of one check. */
export interface CheckOptions {
  /** The text's language (BCP 47: "en", "en-GB", "de"…); its primary subtag picks the dictionary. */
  lang: string;
  /** Words never flagged as misspellings: the site's list and the names it has published often. */
  knownWords?: Iterable<string>;
}

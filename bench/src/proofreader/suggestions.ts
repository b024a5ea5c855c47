/**
 * Suggestion accuracy: for a misspelt word, is the right word the first suggestion (top-1) or
 * among the first three (top-3) of the finding that covers it? Errata and the baseline's
 * Hunspell are asked about the same words.
 */

import { seededRandom } from '../anchoring/random.ts';
import type { BaselineSpeller } from './baseline.ts';
import type { CorrectionPair } from './corpus.ts';
import { shuffled } from './planting.ts';
import { overlaps, type Span } from './spans.ts';
import { SAMPLE_SEED } from './wikipedia-set.ts';

/** A finding with its suggestions, at any confidence. */
export interface Suggesting extends Span {
  suggestions: string[];
}

/** How often the right word came first, and among the first three, of `of` words. */
export interface SuggestionScore {
  top1: number;
  top3: number;
  /** Words the finder flagged at all. */
  flagged: number;
  of: number;
}

/** Whether `right` (any of `rights`) is among the first `n` suggestions, ignoring case. */
export function suggestedWithin(
  suggestions: readonly string[],
  rights: readonly string[],
  n: number,
): boolean {
  const wanted = new Set(rights.map((right) => right.toLowerCase()));
  return suggestions.slice(0, n).some((suggestion) => wanted.has(suggestion.toLowerCase()));
}

/** The suggestions of the finding that covers `span`, or null when nothing covers it. */
export function suggestionsAt(findings: readonly Suggesting[], span: Span): string[] | null {
  return findings.find((finding) => overlaps(finding, span))?.suggestions ?? null;
}

/**
 * TOEFL-Spell's one-word misspellings (letters only, not a mere change of case), each distinct
 * pair once, a seeded sample of at most `cap`.
 */
export function toeflSample(pairs: readonly CorrectionPair[], cap: number): CorrectionPair[] {
  const seen = new Set<string>();
  const distinct = pairs.filter((pair) => {
    const key = `${pair.wrong.toLowerCase()}->${pair.right.toLowerCase()}`;
    if (seen.has(key) || !/^\p{L}+$/u.test(pair.wrong) || !/^\p{L}+$/u.test(pair.right)) return false;
    if (pair.wrong.toLowerCase() === pair.right.toLowerCase()) return false;
    seen.add(key);
    return true;
  });
  return shuffled(distinct, seededRandom(SAMPLE_SEED)).slice(0, cap);
}

/** Scores suggestions for each word checked alone, by Errata (`find`) and by the baseline. */
export async function scoreWordSuggestions(
  pairs: readonly CorrectionPair[],
  find: (text: string) => Promise<Suggesting[]>,
  baseline: BaselineSpeller,
): Promise<{ errata: SuggestionScore; baseline: SuggestionScore }> {
  const errata = emptyScore(pairs.length);
  const hunspell = emptyScore(pairs.length);
  for (const pair of pairs) {
    tally(errata, suggestionsAt(await find(pair.wrong), { start: 0, end: pair.wrong.length }), [pair.right]);
    tally(hunspell, baseline.accepts(pair.wrong) ? null : baseline.suggest(pair.wrong), [pair.right]);
  }
  return { errata, baseline: hunspell };
}

export function emptyScore(of: number): SuggestionScore {
  return { top1: 0, top3: 0, flagged: 0, of };
}

/** Counts one word: flagged when there are suggestions at all (null: not flagged). */
export function tally(score: SuggestionScore, suggestions: string[] | null, rights: readonly string[]): void {
  if (suggestions === null) return;
  score.flagged++;
  if (suggestedWithin(suggestions, rights, 1)) score.top1++;
  if (suggestedWithin(suggestions, rights, 3)) score.top3++;
}

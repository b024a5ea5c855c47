import type { Dictionary } from './dictionary.ts';

/** Milliseconds of uncached Hunspell suggestion work one check may spend (15–40 ms per word). */
export const SUGGESTION_BUDGET_MS = 150;

/**
 * Bounds the suggestion work of one check: past the budget a word gets the suggestions
 * already cached for it, or none, so that a page full of unknown words cannot stall a check.
 */
export class SuggestionBudget {
  readonly #deadline: number;

  constructor(milliseconds = SUGGESTION_BUDGET_MS) {
    this.#deadline = performance.now() + milliseconds;
  }

  suggest(dictionary: Dictionary, word: string): string[] {
    const cached = dictionary.cachedSuggestions(word);
    if (cached) return cached;
    if (performance.now() > this.#deadline) return [];
    return dictionary.suggest(word);
  }
}

import type { Dictionary } from './dictionary.ts';

/** Milliseconds of uncached Hunspell suggestion work one check may spend (15–40 ms per word). */
export const SUGGESTION_BUDGET_MS = 150;

/**
 * Bounds the suggestion work of one check: once its uncached suggestions have taken the budget,
 * a word gets the suggestions already cached for it, or none, so that a page full of unknown
 * words cannot stall a check. Only the time spent suggesting counts: the rest of the check
 * (slower on a busy machine) never takes a lone misspelling's suggestions away.
 */
export class SuggestionBudget {
  readonly #milliseconds: number;
  #spent = 0;

  constructor(milliseconds = SUGGESTION_BUDGET_MS) {
    this.#milliseconds = milliseconds;
  }

  suggest(dictionary: Dictionary, word: string): string[] {
    const cached = dictionary.cachedSuggestions(word);
    if (cached) return cached;
    if (this.#spent >= this.#milliseconds) return [];
    const started = performance.now();
    try {
      return dictionary.suggest(word);
    } finally {
      this.#spent += performance.now() - started;
    }
  }
}

/**
 * The words a site has told us are right: its own list and the names it has published often.
 * Lower-case entries match in any casing; a capitalised entry also covers its possessive
 * ("Osei’s") and short inflected forms ("Obamas", Russian "Путина" from "Путин").
 */
const MAX_ENDING = 3; // Letters an inflection may add to a known name: -s, -’s, -ов, -ами.

export class KnownWords {
  readonly #lower = new Set<string>();
  readonly #names = new Set<string>();

  constructor(words: Iterable<string> = []) {
    for (const word of words) {
      const trimmed = word.trim();
      if (!trimmed) continue;
      this.#lower.add(trimmed.toLowerCase());
      if (trimmed[0] !== trimmed[0]!.toLowerCase()) this.#names.add(trimmed);
    }
  }

  /** Known names as written (capitalised entries), for the consistency rule. */
  get names(): ReadonlySet<string> {
    return this.#names;
  }

  has(word: string): boolean {
    if (this.#lower.has(word.toLowerCase())) return true;
    const stem = word.replace(/['’]s$|['’]$/u, '');
    if (stem !== word && this.#lower.has(stem.toLowerCase())) return true;
    for (let cut = 1; cut <= MAX_ENDING && stem.length - cut >= 3; cut++) {
      if (this.#names.has(stem.slice(0, -cut))) return true;
    }
    return false;
  }
}

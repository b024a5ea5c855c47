import { editDistance } from './edit-distance.ts';

/** A name close to a word, and how many edits apart. */
export interface NearName {
  name: string;
  distance: number;
}

/**
 * Names grouped by first letter, searched by edit distance. Misspelt names keep their first
 * letter almost always ("Roterdam", "Gothenberg"), and requiring it keeps both the search
 * fast and unrelated names out.
 */
export class NameIndex {
  readonly #byFirstLetter = new Map<string, string[]>();

  add(name: string): void {
    const first = name[0];
    if (!first) return;
    const bucket = this.#byFirstLetter.get(first);
    if (bucket) bucket.push(name);
    else this.#byFirstLetter.set(first, [name]);
  }

  /** The names at most `maxDistance` edits from `word`, nearest first. */
  near(word: string, maxDistance: number): NearName[] {
    const found: NearName[] = [];
    for (const name of this.#byFirstLetter.get(word[0] ?? '') ?? []) {
      if (Math.abs(name.length - word.length) > maxDistance || name === word) continue;
      const distance = editDistance(word, name, maxDistance);
      if (distance <= maxDistance) found.push({ name, distance });
    }
    return found.sort((a, b) => a.distance - b.distance);
  }
}

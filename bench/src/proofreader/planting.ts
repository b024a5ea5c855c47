/** Writing mistakes into clean text, and knowing exactly where each one ended up. */

/** One change to a text: `text.slice(start, end)` becomes `replacement`. */
export interface Edit {
  start: number;
  end: number;
  replacement: string;
  /** What kind of mistake it plants ("misspelling", "doubled-word" …). */
  kind: string;
  /**
   * Characters of the text before and after the replacement that belong to the mistake as a
   * reader would quote it: a removed space is no text, "harbour.The" is (before 8, after 3).
   */
  before?: number;
  after?: number;
  /** The right form, for suggestion accuracy: what the mistake's text should read. */
  correction?: string;
}

/** A mistake in the planted text: its span there and the edit that made it. */
export interface Planted {
  start: number;
  end: number;
  kind: string;
  /** The planted text's characters in the span. */
  exact: string;
  correction?: string;
}

/**
 * Applies non-overlapping edits (in any order) and returns the new text with each mistake's
 * span in it, in the order of the edits given. Throws when two edits overlap.
 */
export function plant(text: string, edits: readonly Edit[]): { text: string; planted: Planted[] } {
  // An insertion at a place another edit starts goes before that edit.
  const order = edits
    .map((_, i) => i)
    .sort((a, b) => edits[a]!.start - edits[b]!.start || edits[a]!.end - edits[b]!.end);
  const planted: Planted[] = new Array(edits.length);
  let out = '';
  let read = 0;
  for (const i of order) {
    const edit = edits[i]!;
    if (edit.start < read || edit.end < edit.start || edit.end > text.length) {
      throw new Error(`edit at ${edit.start}–${edit.end} overlaps another or falls outside the text`);
    }
    out += text.slice(read, edit.start);
    const at = out.length;
    out += edit.replacement;
    read = edit.end;
    planted[i] = {
      start: at - (edit.before ?? 0),
      end: at + edit.replacement.length + (edit.after ?? 0),
      kind: edit.kind,
      exact: '',
      ...(edit.correction === undefined ? {} : { correction: edit.correction }),
    };
  }
  out += text.slice(read);
  for (const mistake of planted) mistake.exact = out.slice(mistake.start, mistake.end);
  return { text: out, planted };
}

/** Offsets where `word` stands as a whole word (no letter or digit touching either side). */
export function wholeWordOffsets(text: string, word: string): number[] {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])${escaped}(?![\\p{L}\\p{N}\\p{M}])`, 'gu');
  return [...text.matchAll(pattern)].map((match) => match.index);
}

/** `word` written in the case of `model`: "Receive" → "Recieve", "RECEIVE" → "RECIEVE". */
export function inCaseOf(model: string, word: string): string {
  if (model.length > 1 && model === model.toUpperCase() && model !== model.toLowerCase()) {
    return word.toUpperCase();
  }
  const first = model.charAt(0);
  if (first !== first.toLowerCase()) return word.charAt(0).toUpperCase() + word.slice(1);
  return word;
}

/** A seeded shuffle of a copy of `items` (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

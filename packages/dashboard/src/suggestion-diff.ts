import { diffChars } from 'diff';

/** A piece of a correction: text kept, taken out of the quote, or put in. */
export interface DiffSegment {
  type: 'same' | 'removed' | 'added';
  text: string;
}

/**
 * The character-level changes from the quote to a suggested correction, in reading order;
 * neighbouring pieces of one type are merged. An empty suggestion removes the whole quote.
 * @example diffSegments('Lisbno', 'Lisbon') // Lisb, −n, o, +n
 */
export function diffSegments(quote: string, suggestion: string): DiffSegment[] {
  const segments: DiffSegment[] = [];
  for (const change of diffChars(quote, suggestion)) {
    const type = change.added ? 'added' : change.removed ? 'removed' : 'same';
    if (change.value === '') continue;
    const last = segments[segments.length - 1];
    if (last && last.type === type) last.text += change.value;
    else segments.push({ type, text: change.value });
  }
  return segments;
}

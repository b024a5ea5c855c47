import type { TextQuoteSelector } from '../selector.ts';
import { similarity } from './similarity.ts';

/** Characters of context compared on each side of a candidate, after whitespace is collapsed. */
export const CONTEXT_WINDOW = 32;
/**
 * Context is compared over these widths and the results averaged, so the words right beside
 * the quote count most: a copy of the paragraph with the neighbouring word changed agrees
 * less than the original whose far context moved.
 */
const WIDTHS = [8, 16, CONTEXT_WINDOW];
/** Characters beside a candidate searched for the context's words (see sharedWords). */
const WORDS_REACH = 3 * CONTEXT_WINDOW;
/** Words shorter than this are too common to say anything about a place. */
const WORD_MIN = 4;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’-]*/gu;

/** A quote's context, and how well the text beside a place in a page agrees with it. */
export interface Context {
  /**
   * The stored context as the page writes it, whitespace and all, as much on each side as
   * holds CONTEXT_WINDOW characters once whitespace is collapsed: what the fuzzy search looks for.
   */
  raw: { prefix: string; suffix: string };
  /**
   * Agreement in [0, 1] of the text around `start..end` with the context, compared with
   * whitespace collapsed (32 spaces of indentation are one space, not 32 agreeing
   * characters), the nearest characters weighing most, and each side weighted by how much
   * it holds: a side with no text says nothing.
   */
  agreement(start: number, end: number): number;
  /**
   * Share of the context's words (of WORD_MIN letters or more) found near `start..end` in any
   * order: high where the quote's sentence was reworded around it, low in another sentence.
   */
  sharedWords(start: number, end: number): number;
}

/** Whitespace runs as one space: pages indent, wrap and pad differently; the words are the context. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/gu, ' ');
}

export function contextOf(text: string, quote: TextQuoteSelector): Context {
  const prefix = collapseWhitespace(quote.prefix).slice(-CONTEXT_WINDOW);
  const suffix = collapseWhitespace(quote.suffix).slice(0, CONTEXT_WINDOW);
  const weight = prefix.length + suffix.length;
  const words = wordsOf(`${quote.prefix} ${quote.suffix}`);
  return {
    raw: { prefix: rawEnd(quote.prefix), suffix: rawStart(quote.suffix) },
    agreement(start, end) {
      if (weight === 0) return 1;
      const before = collapsedBefore(text, start, prefix.length);
      const after = collapsedAfter(text, end, suffix.length);
      return (
        (sideAgreement(prefix, before, (s, n) => s.slice(-n)) * prefix.length +
          sideAgreement(suffix, after, (s, n) => s.slice(0, n)) * suffix.length) /
        weight
      );
    },
    sharedWords(start, end) {
      if (words.size === 0) return 0;
      const nearby = wordsOf(text.slice(Math.max(0, start - WORDS_REACH), end + WORDS_REACH));
      let shared = 0;
      for (const word of words) if (nearby.has(word)) shared++;
      return shared / words.size;
    },
  };
}

/** Similarity of one side's stored context and the page's text there, averaged over WIDTHS. */
function sideAgreement(stored: string, actual: string, cut: (text: string, width: number) => string): number {
  if (stored.length === 0) return 0;
  let sum = 0;
  let count = 0;
  for (const width of WIDTHS) {
    sum += similarity(cut(stored, width), cut(actual, width));
    count++;
    if (width >= stored.length) break;
  }
  return sum / count;
}

/** The `length` characters before `at`, whitespace collapsed; reads further back only where it must. */
function collapsedBefore(text: string, at: number, length: number): string {
  for (let read = 2 * length; ; read *= 4) {
    const collapsed = collapseWhitespace(text.slice(Math.max(0, at - read), at));
    if (collapsed.length >= length || read >= at) return collapsed.slice(-length || collapsed.length);
  }
}

/** The `length` characters from `at` on, whitespace collapsed. */
function collapsedAfter(text: string, at: number, length: number): string {
  for (let read = 2 * length; ; read *= 4) {
    const collapsed = collapseWhitespace(text.slice(at, at + read));
    if (collapsed.length >= length || at + read >= text.length) return collapsed.slice(0, length);
  }
}

function wordsOf(text: string): Set<string> {
  const words = new Set<string>();
  for (const [word] of text.toLowerCase().matchAll(WORD)) if (word.length >= WORD_MIN) words.add(word);
  return words;
}

/** The shortest end of a stored prefix that holds CONTEXT_WINDOW collapsed characters (all of it if none does). */
function rawEnd(prefix: string): string {
  for (let length = CONTEXT_WINDOW; length < prefix.length; length += CONTEXT_WINDOW / 2) {
    const end = prefix.slice(-length);
    if (collapseWhitespace(end).length >= CONTEXT_WINDOW) return end;
  }
  return prefix;
}

/** The shortest start of a stored suffix that holds CONTEXT_WINDOW collapsed characters (all of it if none does). */
function rawStart(suffix: string): string {
  for (let length = CONTEXT_WINDOW; length < suffix.length; length += CONTEXT_WINDOW / 2) {
    const start = suffix.slice(0, length);
    if (collapseWhitespace(start).length >= CONTEXT_WINDOW) return start;
  }
  return suffix;
}

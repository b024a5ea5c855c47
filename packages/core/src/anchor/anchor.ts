import search from 'approx-string-match';
import type { TextPositionSelector, TextQuoteSelector } from '../selector.ts';
import { similarity } from './similarity.ts';

/**
 * What became of a reported quote in a page's current text:
 * - `found`: the quote is there (the mistake is still on the page);
 * - `edited`: its context is there but the quote was replaced (the likely fix), `current` says by what;
 * - `gone`: neither the quote nor its place can be found (paragraph deleted, page rewritten).
 */
export type AnchorVerdict = 'found' | 'edited' | 'gone';

export interface Anchor {
  verdict: AnchorVerdict;
  /** Where the quote, or what replaced it, is now; absent when gone. */
  start?: number;
  end?: number;
  /** Confidence in [0, 1]: how well the quote and its context agree with the text at that place. */
  score?: number;
  /** For `edited`: the text now standing where the quote stood. */
  current?: string;
}

/** Characters of context compared on each side of a candidate. */
const CONTEXT_WINDOW = 32;
/** Context agreement an exact match needs to count as the reported spot (measured: bench/src/anchoring). */
const EXACT_CONTEXT_MIN = 0.5;
/** Context agreement a place needs for "the quote was replaced here" rather than "gone". */
const EDITED_CONTEXT_MIN = 0.75;
/** Context errors tolerated when looking for the context of a replaced quote: a quarter of its length. */
const CONTEXT_ERROR_RATIO = 0.25;
/** How much longer than the quote a replacement may be and still be "the same spot, edited". */
const REPLACEMENT_SLACK = 40;
/** Quote errors tolerated by the fuzzy search: a quarter of its length (Hypothesis allows half). */
const QUOTE_ERROR_RATIO = 0.25;
/** Exact matches considered at most; more means the quote is a common word and context decides anyway. */
const EXACT_MATCHES_MAX = 500;
/** Weight of the position hint among candidates of equal agreement: a tie-breaker only. */
const POSITION_WEIGHT = 0.05;
/** A quote this long found verbatim exactly once is the reported text even if all its context changed. */
const DISTINCTIVE_QUOTE = 16;
/** Characters on each side of the position hint searched first; most edits move text less than this. */
const NEAR_HINT = 2048;

/**
 * Finds a stored quote again in a page's current text (the article root's text under
 * core's text model). Exact matches, scored by their context, come first; then the
 * quote's context is looked for with the quote replaced (an edit, usually the fix); then
 * a fuzzy search for a slightly changed quote. Unlike matchers that always return their
 * best guess, it answers `gone` when nothing agrees well enough.
 */
export function anchor(text: string, quote: TextQuoteSelector, hint?: TextPositionSelector): Anchor {
  const prefix = quote.prefix.slice(-CONTEXT_WINDOW);
  const suffix = quote.suffix.slice(0, CONTEXT_WINDOW);
  const expected = hint?.start ?? null;
  const proximity = (start: number) =>
    expected === null || text.length === 0 ? 0 : 1 - Math.min(1, Math.abs(start - expected) / text.length);
  const contextAgreement = (start: number, end: number) =>
    (similarity(prefix, text.slice(Math.max(0, start - prefix.length), start)) +
      similarity(suffix, text.slice(end, end + suffix.length))) /
    2;

  let bestExact: Anchor | null = null;
  const matches = exactMatches(text, quote.exact);
  if (expected !== null) matches.sort((a, b) => Math.abs(a.start - expected) - Math.abs(b.start - expected));
  for (const match of matches) {
    // The nearest occurrence with its context intact is the answer: no need to score the rest.
    if (text.startsWith(prefix, match.start - prefix.length) && text.startsWith(suffix, match.end)) {
      return { verdict: 'found', start: match.start, end: match.end, score: 1 };
    }
    const agreement = contextAgreement(match.start, match.end);
    const score = agreement * (1 - POSITION_WEIGHT) + proximity(match.start) * POSITION_WEIGHT;
    if (!bestExact || score > (bestExact.score as number)) {
      bestExact = { verdict: 'found', start: match.start, end: match.end, score };
    }
  }
  if (bestExact && (bestExact.score as number) >= EXACT_CONTEXT_MIN) return bestExact;

  const replaced =
    (expected !== null && text.length > 2 * NEAR_HINT
      ? findReplacedQuote(
          text,
          quote.exact,
          prefix,
          suffix,
          proximity,
          expected - NEAR_HINT,
          expected + NEAR_HINT,
        )
      : null) ?? findReplacedQuote(text, quote.exact, prefix, suffix, proximity, 0, text.length);
  if (replaced) return replaced;
  // A long quote still on the page once, verbatim, with its surroundings rewritten. A short
  // one (a common word) elsewhere in other words is not the reported spot.
  if (bestExact && matches.length === 1 && quote.exact.trim().length >= DISTINCTIVE_QUOTE) return bestExact;

  const fuzzy = findChangedQuote(text, quote.exact, contextAgreement, proximity);
  return fuzzy ?? { verdict: 'gone' };
}

/** Occurrences of the quote, whitespace runs matching any whitespace (a quote may span a line break). */
function exactMatches(text: string, exact: string): { start: number; end: number }[] {
  const words = exact.trim().split(/\s+/u).filter(Boolean);
  if (words.length === 0) return [];
  const pattern = new RegExp(words.map(escapeRegExp).join('\\s+'), 'gu');
  const matches: { start: number; end: number }[] = [];
  for (const match of text.matchAll(pattern)) {
    matches.push({ start: match.index, end: match.index + match[0].length });
    if (matches.length >= EXACT_MATCHES_MAX) break;
  }
  return matches;
}

/**
 * The place where the quote's context still stands around other text: prefix then suffix,
 * each found with few errors, close together. Without context on a side, the start or end
 * of the text stands in for it.
 */
function findReplacedQuote(
  text: string,
  exact: string,
  prefix: string,
  suffix: string,
  proximity: (start: number) => number,
  from: number,
  to: number,
): Anchor | null {
  if (prefix.length + suffix.length < 8) return null; // Too little context to recognise a place by.
  const low = Math.max(0, from);
  const window = text.slice(low, Math.min(text.length, to));
  const ends = prefix ? fuzzyFind(window, prefix, CONTEXT_ERROR_RATIO).map((m) => low + m.end) : [0];
  const starts = suffix
    ? fuzzyFind(window, suffix, CONTEXT_ERROR_RATIO).map((m) => low + m.start)
    : [text.length];
  const longest = exact.length * 2 + REPLACEMENT_SLACK;
  let best: Anchor | null = null;
  for (const start of ends) {
    for (const end of starts) {
      if (end < start || end - start > longest) continue;
      const agreement =
        (similarity(prefix, text.slice(Math.max(0, start - prefix.length), start)) +
          similarity(suffix, text.slice(end, end + suffix.length))) /
        2;
      if (agreement < EDITED_CONTEXT_MIN) continue;
      const score = agreement * (1 - POSITION_WEIGHT) + proximity(start) * POSITION_WEIGHT;
      if (!best || score > (best.score as number)) {
        const current = text.slice(start, end);
        const verdict =
          current.trim().split(/\s+/u).join(' ') === exact.trim().split(/\s+/u).join(' ')
            ? 'found'
            : 'edited';
        best = { verdict, start, end, score, ...(verdict === 'edited' ? { current } : {}) };
      }
    }
  }
  return best;
}

/** A slightly changed quote (a letter fixed) whose context still agrees. */
function findChangedQuote(
  text: string,
  exact: string,
  contextAgreement: (start: number, end: number) => number,
  proximity: (start: number) => number,
): Anchor | null {
  let best: Anchor | null = null;
  for (const match of fuzzyFind(text, exact, QUOTE_ERROR_RATIO)) {
    const agreement = contextAgreement(match.start, match.end);
    if (agreement < EDITED_CONTEXT_MIN) continue;
    const score = agreement * (1 - POSITION_WEIGHT) + proximity(match.start) * POSITION_WEIGHT;
    if (!best || score > (best.score as number)) {
      best = {
        verdict: 'edited',
        start: match.start,
        end: match.end,
        score,
        current: text.slice(match.start, match.end),
      };
    }
  }
  return best;
}

function fuzzyFind(text: string, pattern: string, errorRatio: number): { start: number; end: number }[] {
  return search(text, pattern, Math.floor(pattern.length * errorRatio));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

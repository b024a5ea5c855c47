import search from 'approx-string-match';
import type { TextPositionSelector, TextQuoteSelector } from '../selector.ts';
import { type Context, contextOf } from './context.ts';

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
/**
 * Weight of the reported position against context agreement. A real signal: the reported
 * spot with its quote replaced beats an exact copy far away (a pull quote, a repeated
 * byline); yet context still outweighs it, as a page's scripts shift offsets.
 */
const POSITION_WEIGHT = 0.25;
/** Distance from the reported position (characters) at which its weight halves. */
const POSITION_HALF_DISTANCE = 500;
/** A quote found once within this distance of where it was reported is still the reported text, however its sentence was reworded. */
const SAME_PLACE_DISTANCE = 400;
/** Share of its context's words a once-found quote needs around it to be the reported one (context.ts, sharedWords). */
const SHARED_WORDS_MIN = 0.5;
/** A quote this long found verbatim exactly once is the reported text even if all its context changed. */
const DISTINCTIVE_QUOTE = 16;
/** Characters on each side of the position hint searched first; most edits move text less than this. */
const NEAR_HINT = 2048;

interface Span {
  start: number;
  end: number;
}

/**
 * Finds a stored quote again in a page's current text (the article root's text under core's
 * text model). The reported spot wins: the quote still there with its context is still
 * there; its context around other words, at or near the reported position, is the fix; an
 * exact copy elsewhere with only part of the context is not the reported spot. Unlike
 * matchers that always return their best guess, it answers `gone` when nothing agrees well
 * enough.
 */
export function anchor(text: string, quote: TextQuoteSelector, hint?: TextPositionSelector): Anchor {
  const context = contextOf(text, quote);
  const expected = hint?.start ?? null;
  const nearness = (start: number) =>
    expected === null ? 0 : 1 / (1 + Math.abs(start - expected) / POSITION_HALF_DISTANCE);
  const scoreOf = (agreement: number, start: number) =>
    agreement * (1 - POSITION_WEIGHT) + nearness(start) * POSITION_WEIGHT;

  const matches = exactMatches(text, quote.exact);
  // The usual answer, cheaply: the quote where it was reported, its stored context around it.
  const unmoved = matches.find((m) => m.start === expected);
  if (
    unmoved &&
    text.startsWith(context.raw.prefix, unmoved.start - context.raw.prefix.length) &&
    text.startsWith(context.raw.suffix, unmoved.end)
  ) {
    return { verdict: 'found', start: unmoved.start, end: unmoved.end, score: 1 };
  }
  const exact = matches.map((match) => {
    const agreement = context.agreement(match.start, match.end);
    return { ...match, agreement, score: scoreOf(agreement, match.start) };
  });
  const byScore = (a: { score: number }, b: { score: number }) => b.score - a.score;
  const found = (match: Span & { score: number }): Anchor => ({
    verdict: 'found',
    start: match.start,
    end: match.end,
    score: match.score,
  });

  // The quote with all of its context: the mistake stands, unless the reported spot itself now
  // reads otherwise (the story fixed, its pull quote not) and outscores it by being there.
  const intact = exact.filter((m) => m.agreement === 1).sort(byScore)[0];
  if (intact && intact.score === 1) return found(intact);
  const replaced = replacedAtSpot(text, quote.exact, context, scoreOf, expected, matches);
  if (intact) {
    return replaced?.verdict === 'edited' && (replaced.score as number) > intact.score
      ? replaced
      : found(intact);
  }

  const eligible = exact.filter(
    (m) =>
      m.agreement >= EXACT_CONTEXT_MIN ||
      // Once on the page, where it was among the words of its context, or long enough to be
      // unmistakable: its sentence was reworded around it, and the mistake stands.
      (matches.length === 1 &&
        ((expected !== null &&
          Math.abs(m.start - expected) <= SAME_PLACE_DISTANCE &&
          context.sharedWords(m.start, m.end) >= SHARED_WORDS_MIN) ||
          quote.exact.trim().length >= DISTINCTIVE_QUOTE)),
  );
  const bestExact = eligible.sort(byScore)[0];
  if (bestExact && (!replaced || bestExact.score >= (replaced.score as number))) return found(bestExact);
  if (replaced) return replaced;
  return changedQuote(text, quote.exact, context, scoreOf) ?? { verdict: 'gone' };
}

/** Occurrences of the quote, whitespace runs matching any whitespace (a quote may span a line break). */
function exactMatches(text: string, exact: string): Span[] {
  const pattern = quotePattern(exact, 'gu');
  if (!pattern) return [];
  const matches: Span[] = [];
  for (const match of text.matchAll(pattern)) {
    matches.push({ start: match.index, end: match.index + match[0].length });
    if (matches.length >= EXACT_MATCHES_MAX) break;
  }
  return matches;
}

function quotePattern(exact: string, flags: string): RegExp | null {
  const words = exact.trim().split(/\s+/u).filter(Boolean);
  return words.length === 0 ? null : new RegExp(words.map(escapeRegExp).join('\\s+'), flags);
}

/**
 * The place where the quote's context still stands around other text, looked for near the
 * reported position first, then anywhere. Its text is the quote's replacement (`edited`),
 * or the quote itself when it still stands inside it (`found`).
 */
function replacedAtSpot(
  text: string,
  exact: string,
  context: Context,
  scoreOf: (agreement: number, start: number) => number,
  expected: number | null,
  matches: Span[],
): Anchor | null {
  const near =
    expected !== null && text.length > 2 * NEAR_HINT
      ? findReplacedQuote(text, exact, context, scoreOf, expected - NEAR_HINT, expected + NEAR_HINT)
      : null;
  const place = near ?? findReplacedQuote(text, exact, context, scoreOf, 0, text.length);
  if (place?.verdict !== 'edited') return place;
  // Context found with a few errors can swallow part of a quote that still stands ("tr" of
  // "trade" once the next word was cut): an occurrence of the quote there is the quote.
  const standing = matches.find(
    (m) => m.start <= (place.end as number) && m.end >= (place.start as number) && isWhole(text, m),
  );
  return standing
    ? { verdict: 'found', start: standing.start, end: standing.end, score: place.score }
    : place;
}

/**
 * Prefix then suffix, each found with few errors, close together. Without context on a
 * side, the start or end of the text stands in for it.
 */
function findReplacedQuote(
  text: string,
  exact: string,
  context: Context,
  scoreOf: (agreement: number, start: number) => number,
  from: number,
  to: number,
): Anchor | null {
  const { prefix, suffix } = context.raw;
  if (prefix.trim().length + suffix.trim().length < 8) return null; // Too little context to recognise a place by.
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
      const agreement = context.agreement(start, end);
      if (agreement < EDITED_CONTEXT_MIN) continue;
      const score = scoreOf(agreement, start);
      if (!best || score > (best.score as number)) best = placeOf(text, exact, start, end, score);
    }
  }
  return best;
}

/** The verdict on the text between a quote's context: the quote still in it, or its replacement. */
function placeOf(text: string, exact: string, start: number, end: number, score: number): Anchor {
  const current = text.slice(start, end);
  const pattern = quotePattern(exact, 'gu');
  for (const inside of pattern ? current.matchAll(pattern) : []) {
    const at = start + inside.index;
    const occurrence = { start: at, end: at + inside[0].length };
    if (isWhole(text, occurrence)) return { verdict: 'found', ...occurrence, score };
  }
  return { verdict: 'edited', start, end, score, current };
}

/** Whether an occurrence is not part of a longer word: "in" inside "inside" is not the quote, and a fix that lengthens a word is a fix. */
function isWhole(text: string, { start, end }: Span): boolean {
  return !joinsWord(text, start - 1, start) && !joinsWord(text, end - 1, end);
}

const WORD_CHARACTER = /[\p{L}\p{N}\p{M}]/u;

/** Whether the characters at `left` and `right` are both parts of words, so a word runs on across them. */
function joinsWord(text: string, left: number, right: number): boolean {
  return WORD_CHARACTER.test(text.charAt(left)) && WORD_CHARACTER.test(text.charAt(right));
}

/** A slightly changed quote (a letter fixed) whose context still agrees. */
function changedQuote(
  text: string,
  exact: string,
  context: Context,
  scoreOf: (agreement: number, start: number) => number,
): Anchor | null {
  let best: Anchor | null = null;
  for (const match of fuzzyFind(text, exact, QUOTE_ERROR_RATIO)) {
    const agreement = context.agreement(match.start, match.end);
    if (agreement < EDITED_CONTEXT_MIN) continue;
    const score = scoreOf(agreement, match.start);
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

function fuzzyFind(text: string, pattern: string, errorRatio: number): Span[] {
  return search(text, pattern, Math.floor(pattern.length * errorRatio));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

import type { TextPositionSelector, TextQuoteSelector } from '@errata/core';
import search from 'approx-string-match';

/** Where a baseline matcher put the quote, or null when it found nothing. */
export type Located = { start: number; end: number } | null;

/**
 * A matcher built from the Hypothesis client's published approach (hypothesis/client,
 * src/annotator/anchoring/match-quote.ts, as summarised in a design study of ours): exact
 * matches first, else approximate matches with up to min(256, length / 2) errors; every
 * candidate scored (50·quote + 20·prefix + 20·suffix + 2·position) / 92; the best wins,
 * with no minimum score. Written here from that description, not from its code; context
 * similarity is taken over windows as long as the stored prefix and suffix.
 */
export function hypothesisLike(text: string, quote: TextQuoteSelector, hint: TextPositionSelector): Located {
  const exact: { start: number; end: number; errors: number }[] = [];
  for (let at = text.indexOf(quote.exact); at !== -1; at = text.indexOf(quote.exact, at + 1)) {
    exact.push({ start: at, end: at + quote.exact.length, errors: 0 });
  }
  const candidates =
    exact.length > 0 ? exact : search(text, quote.exact, Math.min(256, Math.floor(quote.exact.length / 2)));
  let best: Located = null;
  let bestScore = -1;
  for (const candidate of candidates) {
    const quoteScore = 1 - candidate.errors / quote.exact.length;
    const prefixScore = contextScore(
      text.slice(Math.max(0, candidate.start - quote.prefix.length), candidate.start),
      quote.prefix,
    );
    const suffixScore = contextScore(
      text.slice(candidate.end, candidate.end + quote.suffix.length),
      quote.suffix,
    );
    const positionScore = 1 - Math.abs(candidate.start - hint.start) / Math.max(1, text.length);
    const score = (50 * quoteScore + 20 * prefixScore + 20 * suffixScore + 2 * positionScore) / 92;
    if (score > bestScore) {
      bestScore = score;
      best = { start: candidate.start, end: candidate.end };
    }
  }
  return best;
}

function contextScore(found: string, stored: string): number {
  if (stored.length === 0) return 1;
  const matches = search(found, stored, stored.length);
  const errors = matches.length > 0 ? Math.min(...matches.map((m) => m.errors)) : stored.length;
  return 1 - errors / stored.length;
}

/**
 * Apache Annotator's text-quote matcher as documented: exact occurrences of the quote that
 * are preceded by the whole prefix and followed by the whole suffix; the first one wins.
 */
export function apacheExact(text: string, quote: TextQuoteSelector): Located {
  const whole = quote.prefix + quote.exact + quote.suffix;
  const at = text.indexOf(whole);
  return at === -1
    ? null
    : { start: at + quote.prefix.length, end: at + quote.prefix.length + quote.exact.length };
}

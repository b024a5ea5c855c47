import { QUOTE_CONTEXT_MAX } from './limits.ts';
import type { TextPositionSelector, TextQuoteSelector } from './selector.ts';
import { WHITESPACE } from './text-model.ts';

/** The quote and position selectors of a range of the root text, with whitespace trimmed off the range's ends. */
export function describeRange(
  text: string,
  start: number,
  end: number,
): { quote: TextQuoteSelector; position: TextPositionSelector } | null {
  let from = Math.max(0, Math.min(start, end));
  let to = Math.min(text.length, Math.max(start, end));
  while (from < to && WHITESPACE.test(text[from] as string)) from++;
  while (to > from && WHITESPACE.test(text[to - 1] as string)) to--;
  if (from === to) return null;
  return {
    quote: {
      exact: text.slice(from, to),
      prefix: text.slice(Math.max(0, from - QUOTE_CONTEXT_MAX), from),
      suffix: text.slice(to, to + QUOTE_CONTEXT_MAX),
    },
    position: { start: from, end: to },
  };
}

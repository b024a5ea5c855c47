import { QUOTE_CONTEXT_MAX } from './limits.ts';
import type { TextQuoteSelector } from './selector.ts';

/** The quote inside its sentence, split into the three parts a view shows. */
export interface QuoteInSentence {
  /** Text of the sentence before the quote ('…' in front when the context was cut). */
  before: string;
  /** The quoted words. */
  exact: string;
  /** Text of the sentence after the quote ('…' behind when the context was cut). */
  after: string;
}

// A sentence ends at . ! ? … (optionally followed by closing quotes » ” ’ or brackets) and a space.
// Non-ASCII characters are escaped so the widget bundle is plain ASCII whatever charset it is served with.
const SENTENCE_END_BEFORE = /[.!?\u2026]["'\u00bb\u201d\u2019)\]]*\s+(?=[^.!?\u2026]*$)/u;
const SENTENCE_END_AFTER = /[.!?\u2026]["'\u00bb\u201d\u2019)\]]*(?=\s|$)/u;

/**
 * Cuts the quote's context down to the sentence around it, for the reader's dialog and the
 * editor's inbox.
 * @example sentenceAround({prefix: 'Rain. The mayor of ', exact: 'Minks', suffix: ' said no. Later'})
 *   // { before: 'The mayor of ', exact: 'Minks', after: ' said no.' }
 */
export function sentenceAround(quote: TextQuoteSelector): QuoteInSentence {
  const prefix = quote.prefix.replace(/\s+/g, ' ');
  const suffix = quote.suffix.replace(/\s+/g, ' ');
  const endBefore = SENTENCE_END_BEFORE.exec(prefix);
  let before = endBefore ? prefix.slice(endBefore.index + endBefore[0].length) : prefix;
  if (!endBefore && before.trim().length > 0 && quote.prefix.length >= QUOTE_CONTEXT_MAX)
    before = cutStart(before);
  const endAfter = SENTENCE_END_AFTER.exec(suffix);
  let after = endAfter ? suffix.slice(0, endAfter.index + endAfter[0].length) : suffix;
  if (!endAfter && after.trim().length > 0 && quote.suffix.length >= QUOTE_CONTEXT_MAX) after = cutEnd(after);
  return { before, exact: quote.exact, after };
}

const ELLIPSIS = '\u2026';

/** Context cut off at its start: drop the partial first word, show the cut. */
function cutStart(text: string): string {
  const space = text.search(/\s/);
  const whole = space > 0 && space < text.length - 1 ? text.slice(space + 1) : text.trimStart();
  return `${ELLIPSIS}${whole}`;
}

/** Context cut off at its end: drop the partial last word and any dangling comma, show the cut. */
function cutEnd(text: string): string {
  const space = text.search(/\s\S*$/);
  const whole = space > 0 ? text.slice(0, space) : text.trimEnd();
  return `${whole.replace(/[\s,;:]+$/u, '')}${ELLIPSIS}`;
}

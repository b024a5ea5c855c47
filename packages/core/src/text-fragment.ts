import type { TextQuoteSelector } from './selector.ts';

/**
 * Links that open a page scrolled to a quote and highlight it: URL Text Fragments
 * (https://wicg.github.io/scroll-to-text-fragment/), `#:~:text=[prefix-,]start[,end][,-suffix]`.
 */

/** Words of context on each side when the quote alone is ambiguous: enough to tell two "the" apart. */
const CONTEXT_WORDS = 3;
/** Quotes longer than this many characters are named by their first and last words (start,end): shorter links, and a match survives an edit in the middle. */
const RANGE_QUOTE_MIN = 100;
/** Words at each end of a long quote. */
const RANGE_WORDS = 4;

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/**
 * The page URL with a text fragment that finds the quote. The browser matches whole words
 * only, so a selection that cuts a word ("eh" of "teh") is widened to the whole word from
 * its context; when the quote appears more than once in the context it came with (as far
 * as this link can know), the nearest words before and after are added as prefix and suffix.
 * Any fragment the URL had is replaced.
 * @example textFragmentUrl('https://n.example/a', { exact: 'Roterdam', prefix: 'from ', suffix: ' will' })
 *   === 'https://n.example/a#:~:text=Roterdam'
 */
export function textFragmentUrl(pageUrl: string, quote: TextQuoteSelector): string {
  const hash = pageUrl.indexOf('#');
  const base = hash === -1 ? pageUrl : pageUrl.slice(0, hash);
  return `${base}#:~:text=${textDirective(quote)}`;
}

/** The value of `text=` for a quote: percent-encoded terms, `-` `,` `&` included. */
export function textDirective(quote: TextQuoteSelector): string {
  const { exact, prefix, suffix } = wholeWords(quote);
  const words = exact.split(' ');
  const terms =
    exact.length > RANGE_QUOTE_MIN && words.length > 2 * RANGE_WORDS
      ? [words.slice(0, RANGE_WORDS).join(' '), words.slice(-RANGE_WORDS).join(' ')]
      : [exact];
  const encoded = terms.map(encodeTerm);
  if (occurrences(`${prefix} ${exact} ${suffix}`, exact) > 1) {
    const before = prefix.split(' ').filter(Boolean).slice(-CONTEXT_WORDS).join(' ');
    const after = suffix.split(' ').filter(Boolean).slice(0, CONTEXT_WORDS).join(' ');
    if (before) encoded.unshift(`${encodeTerm(before)}-`);
    if (after) encoded.push(`-${encodeTerm(after)}`);
  }
  return encoded.join(',');
}

/** The quote widened to whole words, whitespace collapsed as a browser renders it. */
function wholeWords(quote: TextQuoteSelector): TextQuoteSelector {
  let prefix = collapse(quote.prefix, 'start');
  let exact = collapse(quote.exact, 'both');
  let suffix = collapse(quote.suffix, 'end');
  while (prefix && exact && WORD_CHAR.test(prefix.at(-1) as string) && WORD_CHAR.test(exact[0] as string)) {
    exact = `${prefix.at(-1)}${exact}`;
    prefix = prefix.slice(0, -1);
  }
  while (suffix && exact && WORD_CHAR.test(suffix[0] as string) && WORD_CHAR.test(exact.at(-1) as string)) {
    exact = `${exact}${suffix[0]}`;
    suffix = suffix.slice(1);
  }
  return { exact, prefix: prefix.trim(), suffix: suffix.trim() };
}

/** Whitespace runs as one space; trimmed on the given ends (context keeps the space next to the quote). */
function collapse(text: string, trim: 'start' | 'end' | 'both'): string {
  const collapsed = text.replace(/\s+/gu, ' ');
  if (trim === 'both') return collapsed.trim();
  return trim === 'start' ? collapsed.trimStart() : collapsed.trimEnd();
}

/** How often `needle` occurs in `text`, case-insensitively (as the browser matches), overlaps counted. */
function occurrences(text: string, needle: string): number {
  const haystack = text.toLowerCase();
  const wanted = needle.toLowerCase();
  let count = 0;
  for (let at = haystack.indexOf(wanted); at !== -1; at = haystack.indexOf(wanted, at + 1)) count++;
  return count;
}

/** A term as the directive needs it: percent-encoded, with `-` (the context marker) encoded too. */
function encodeTerm(term: string): string {
  return encodeURIComponent(term).replace(/-/g, '%2D');
}

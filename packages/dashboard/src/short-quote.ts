const SHORT_QUOTE_MAX = 60; // Characters of a quote named in a one-line notice; longer ones end with "…".

/**
 * A quote as a one-line notice names it: whitespace collapsed, cut at a word when long.
 * @example shortQuote('the  mayor\nof Minks') === 'the mayor of Minks'
 */
export function shortQuote(exact: string): string {
  const text = exact.replace(/\s+/g, ' ').trim();
  if (text.length <= SHORT_QUOTE_MAX) return text;
  const cut = text.slice(0, SHORT_QUOTE_MAX);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > SHORT_QUOTE_MAX / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

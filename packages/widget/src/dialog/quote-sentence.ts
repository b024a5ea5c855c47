import { QUOTE_CONTEXT_MAX, type TextQuoteSelector } from '@errata/core';

/**
 * The reported words inside their sentence, as the dialog shows them: the browser's own
 * sentence segmenter (Intl.Segmenter, in the reader's language) cuts the captured context.
 * Where the context was cut short of a sentence's end, '…' shows the cut and a partial word
 * is left out. (core's sentenceAround does the same for the editors' inbox with its own
 * rules; the widget leans on the browser's to stay within its download budget.)
 * @example sentenceOf({ prefix: 'Rain. The mayor of ', exact: 'Minks', suffix: ' said no. Later' }, 'en')
 *   // ['The mayor of ', ' said no.']
 */
export function sentenceOf({ prefix, exact, suffix }: TextQuoteSelector, lang: string): [string, string] {
  const text = prefix + exact + suffix;
  const end = prefix.length + exact.length;
  let from = 0;
  let to = text.length;
  for (const { index } of new Intl.Segmenter(lang, { granularity: 'sentence' }).segment(text)) {
    if (index <= prefix.length) from = index;
    else if (index >= end) {
      to = index;
      break;
    }
  }
  let before = text.slice(from, prefix.length);
  let after = text.slice(end, to).trimEnd();
  if (!from && prefix.length >= QUOTE_CONTEXT_MAX) before = `…${before.replace(/^\S*\s*/, '')}`;
  if (to === text.length && suffix.length >= QUOTE_CONTEXT_MAX) after = `${after.replace(/\s*\S*$/, '')}…`;
  return [before, after];
}

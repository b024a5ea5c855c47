import { sentenceAround, type TextQuoteSelector } from '@errata/core';

interface QuoteInContextProps {
  quote: TextQuoteSelector;
  /** The page's language, so screen readers and hyphenation treat the words right. */
  lang: string | null;
  /** Lets the card's buttons name the quote they act on. */
  id?: string;
}

/** The reported words, highlighted, inside the sentence the reader saw them in. Text nodes only. */
export function QuoteInContext({ quote, lang, id }: QuoteInContextProps) {
  const { before, exact, after } = sentenceAround(quote);
  return (
    <blockquote class="quote" id={id} lang={lang ?? undefined} dir="auto">
      {before}
      <mark>{exact}</mark>
      {after}
    </blockquote>
  );
}

/**
 * Where a quote sits, in the vocabulary of the W3C Web Annotation Data Model
 * (https://www.w3.org/TR/annotation-model/#selectors), over the text of the article root.
 */

/** The quoted words plus a little text on each side, to find them again after edits. */
export interface TextQuoteSelector {
  /** The selected text, trimmed of surrounding whitespace; 1..QUOTE_EXACT_MAX characters. */
  exact: string;
  /** Up to QUOTE_CONTEXT_MAX characters of root text right before `exact`. */
  prefix: string;
  /** Up to QUOTE_CONTEXT_MAX characters of root text right after `exact`. */
  suffix: string;
}

/** Offsets of the quote in the article root's text (see text-model.ts), in UTF-16 code units. */
export interface TextPositionSelector {
  /** Offset of the first character of the quote. */
  start: number;
  /** Offset just past the last character of the quote; `end > start`. */
  end: number;
}

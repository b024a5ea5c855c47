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

/**
 * Which element of the page a report's selectors count in (its article root), so the server
 * reads the same text the reader's browser measured: the `index`-th element, in document
 * order, matching `selector`. A page may hold many `<article>` elements (teasers, related
 * stories, one per comment) and the story may be in none of them; "the first article" is
 * not the reader's.
 */
export interface ArticleRootRef {
  /** The selector the root was found by: the embed's data-root, else one of DEFAULT_ROOT_SELECTORS; ≤ ROOT_SELECTOR_MAX. */
  selector: string;
  /** Elements matching `selector` before the root in document order (0: the first); ≤ ROOT_INDEX_MAX. */
  index: number;
}

/**
 * The article root when the embed names none, nearest around the selection first: the
 * `<article>` the reader selected in, else the `<main>`, else the `<body>`.
 */
export const DEFAULT_ROOT_SELECTORS = ['article', 'main', 'body'] as const;

/**
 * The article-root text model: which nodes count as the article's text and how they join,
 * so that the widget (on the live DOM) and the server (on fetched HTML) compute the same
 * text and the same offsets. It reads only the markup, never CSS or layout, and only the
 * few DOM properties both sides have; the HTML parsers of browsers and of the server
 * (parse5) build the same tree from the same page, so the two sides agree.
 *
 * - Text nodes count as they are, whitespace included: no collapsing, so a DOM point
 *   (text node, offset) is at `segment.start + offset` in the root text, exactly.
 * - A boundary of a block element (p, div, h1–h6, li, blockquote, pre, table rows…) and a
 *   `<br>` read as a line break ('\n'); a table cell boundary as a space. The separator is
 *   written only between two counted texts that do not already meet at whitespace, and a
 *   run of boundaries (`</li></ul><p>`, `<br><br>`) gives one separator, a line break when
 *   any of them is one. It belongs to no text node: it sits between two segments.
 * - Inline elements (a, em, strong, span, code, abbr, mark, custom elements…) join with nothing.
 * - Skipped with their subtree: elements whose content is never read as article text
 *   (SKIPPED_ELEMENTS), elements the markup declares hidden (`hidden`, but not
 *   `hidden="until-found"`) and anything marked `data-errata-ignore` (the widget's own host).
 *   `aria-hidden` is not a skip: it hides from assistive technology, not from sight, and
 *   modal scripts set it on the whole page while a dialog is open.
 */

/** The part of a DOM node the text model reads; a browser Node and a parsed HTML node both fit. */
export interface TextModelNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly nodeValue: string | null;
  readonly childNodes: ArrayLike<TextModelNode>;
  /** Present on elements; the model reads `hidden` and `data-errata-ignore` through it. */
  getAttribute?(name: string): string | null;
}

/** A counted text node and where its text starts in the root's text. */
export interface TextSegment<N extends TextModelNode = TextModelNode> {
  node: N;
  /** Offset of the node's first character in the root text, in UTF-16 code units. */
  start: number;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

const LINE_BREAK = '\n'; // Block boundaries and <br>: the text goes on on a new line, as rendered.
const CELL_GAP = ' '; // Table cells: side by side on one line, yet separate words.
const NO_GAP = ''; // Inline elements: the text runs on.

const names = (list: string) => new Set(list.split(' '));

/**
 * Elements whose content is never read as article text: code and styles, fallback content
 * (noscript, object, video, audio: shown only when the real thing is not), templates and
 * declarative shadow roots (a browser moves them out of the tree, parse5 keeps them as
 * `<template>`), embedded documents, form controls' values and option lists, drawings and
 * formulas (svg and math: positioned labels and TeX annotations, not prose) and ruby
 * parentheses (rp: shown only without ruby support). Lower case, as parse5 names elements.
 */
const SKIPPED_ELEMENTS = names(
  'script style noscript template iframe object video audio canvas svg math select textarea rp',
);

/**
 * Elements laid out as blocks (the HTML standard's default style sheet), and <br>: their
 * boundaries are line breaks. Left out, to keep the widget small: lists and tables, which hold
 * no text of their own (their items, rows and captions part it), and blocks an article does
 * not hold (html, body, dialog, obsolete ones).
 */
const LINE_ELEMENTS = names(
  'p div h1 h2 h3 h4 h5 h6 li dt dd blockquote pre br hr tr caption figure figcaption details summary section article aside header footer nav main form fieldset legend address',
);

/** Attribute that takes an element and its subtree out of the article text. */
export const IGNORE_ATTRIBUTE = 'data-errata-ignore';

/** One whitespace character, as the text model and the selectors over its text count it. */
export const WHITESPACE = /\s/u;

/** Whether an element's subtree is left out of the article text. */
export function isSkippedElement(node: TextModelNode): boolean {
  const hidden = node.getAttribute?.('hidden');
  return (
    SKIPPED_ELEMENTS.has(node.nodeName.toLowerCase()) ||
    // until-found content is found by the browser's search and revealed in place (the browser
    // removes the attribute): counting it keeps the offsets the same before and after.
    (hidden != null && hidden.toLowerCase() !== 'until-found') ||
    node.getAttribute?.(IGNORE_ATTRIBUTE) != null
  );
}

/**
 * The counted text nodes of a root in document order, with their offsets, and the root's
 * text: the nodes' values with a separator between two of them where an element boundary
 * parts words (see the rules at the top of this file).
 * @example textSegments(<p>On <em>Monday</em></p><p>Rain</p>).text === 'On Monday\nRain'
 */
export function textSegments<N extends TextModelNode>(root: N): { text: string; segments: TextSegment<N>[] } {
  const segments: TextSegment<N>[] = [];
  let text = '';
  /** Separator owed to the next text by the element boundaries passed since the last text. */
  let owed = NO_GAP;
  /** Whether the text so far ends in a non-whitespace character: only then can a separator be needed. */
  let endsInWord = false;
  const visit = (node: N): void => {
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
      const value = node.nodeValue ?? '';
      if (value.length === 0) return;
      if (endsInWord && !WHITESPACE.test(value[0] as string)) text += owed;
      owed = NO_GAP;
      endsInWord = !WHITESPACE.test(value[value.length - 1] as string);
      segments.push({ node, start: text.length });
      text += value;
      return;
    }
    let separator = NO_GAP;
    if (node.nodeType === ELEMENT_NODE && node !== root) {
      if (isSkippedElement(node)) return;
      const name = node.nodeName.toLowerCase();
      separator = LINE_ELEMENTS.has(name) ? LINE_BREAK : name === 'td' || name === 'th' ? CELL_GAP : NO_GAP;
    }
    // A line break outweighs a space: </td></tr> owes one line break.
    if (separator === LINE_BREAK || owed === NO_GAP) owed = separator;
    const children = node.childNodes;
    for (let i = 0; i < children.length; i++) visit(children[i] as N);
    if (separator === LINE_BREAK || owed === NO_GAP) owed = separator;
  };
  visit(root);
  return { text, segments };
}

/** The article root's text under the text model. */
export function rootText(root: TextModelNode): string {
  return textSegments(root).text;
}

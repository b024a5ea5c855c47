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
  getAttribute?(name: string): string | null;
  hasAttribute?(name: string): boolean;
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
 * formulas (svg and math: positioned labels and TeX annotations, not prose), ruby
 * parentheses (rp: shown only without ruby support) and the head.
 */
const SKIPPED_ELEMENTS = names(
  'SCRIPT STYLE NOSCRIPT TEMPLATE IFRAME FRAME OBJECT EMBED VIDEO AUDIO CANVAS SVG MATH SELECT DATALIST TEXTAREA RP HEAD TITLE',
);

/** Elements rendered as blocks (the HTML standard's default style sheet), and <br>: their boundaries are line breaks. */
const LINE_ELEMENTS = names(
  'ADDRESS ARTICLE ASIDE BLOCKQUOTE BODY BR CAPTION CENTER DD DETAILS DIALOG DIR DIV DL DT FIELDSET FIGCAPTION FIGURE FOOTER FORM H1 H2 H3 H4 H5 H6 HEADER HGROUP HR HTML LEGEND LI LISTING MAIN MENU NAV OL P PLAINTEXT PRE SEARCH SECTION SUMMARY TABLE TBODY TFOOT THEAD TR UL XMP',
);

/** Table cells: their boundaries are spaces. */
const CELL_ELEMENTS = names('TD TH');

/** Attribute that takes an element and its subtree out of the article text. */
export const IGNORE_ATTRIBUTE = 'data-errata-ignore';

const WHITESPACE = /\s/u;

/** An attribute's value, or null when the element lacks it. */
function attributeOf(node: TextModelNode, name: string): string | null {
  if (node.getAttribute) return node.getAttribute(name);
  return node.hasAttribute?.(name) ? '' : null;
}

/** Whether an element's subtree is left out of the article text. */
export function isSkippedElement(node: TextModelNode): boolean {
  if (SKIPPED_ELEMENTS.has(node.nodeName.toUpperCase())) return true;
  const hidden = attributeOf(node, 'hidden');
  // until-found content is found by the browser's search and revealed in place (the browser
  // removes the attribute): counting it keeps the offsets the same before and after.
  if (hidden !== null && hidden.toLowerCase() !== 'until-found') return true;
  return attributeOf(node, IGNORE_ATTRIBUTE) !== null;
}

/** The separator an element's boundaries stand for. */
function separatorOf(node: TextModelNode): string {
  const name = node.nodeName.toUpperCase();
  return LINE_ELEMENTS.has(name) ? LINE_BREAK : CELL_ELEMENTS.has(name) ? CELL_GAP : NO_GAP;
}

/**
 * The counted text nodes of a root in document order, with their offsets, and the root's
 * text: the nodes' values with a separator between two of them where an element boundary
 * parts words (see the rules at the top of this file).
 * @example textSegments(<p>On <em>Monday</em></p><p>Rain</p>).text === 'On Monday\nRain'
 */
export function textSegments<N extends TextModelNode>(root: N): { text: string; segments: TextSegment<N>[] } {
  const segments: TextSegment<N>[] = [];
  const parts: string[] = [];
  let length = 0;
  /** Separator owed to the next text by the boundaries passed since the last one. */
  let owed = NO_GAP;
  /** Whether the text so far ends in a non-whitespace character (a separator would part words). */
  let endsInWord = false;
  const owe = (separator: string) => {
    if (separator === LINE_BREAK || owed === NO_GAP) owed = separator;
  };
  const visit = (node: N): void => {
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
      const value = node.nodeValue ?? '';
      if (value.length === 0) return;
      if (owed !== NO_GAP && endsInWord && !WHITESPACE.test(value[0] as string)) {
        parts.push(owed);
        length += owed.length;
      }
      owed = NO_GAP;
      endsInWord = !WHITESPACE.test(value[value.length - 1] as string);
      segments.push({ node, start: length });
      parts.push(value);
      length += value.length;
      return;
    }
    let separator = NO_GAP;
    if (node.nodeType === ELEMENT_NODE && node !== root) {
      if (isSkippedElement(node)) return;
      separator = separatorOf(node);
    }
    owe(separator);
    const children = node.childNodes;
    for (let i = 0; i < children.length; i++) visit(children[i] as N);
    owe(separator);
  };
  visit(root);
  return { text: parts.join(''), segments };
}

/** The article root's text under the text model. */
export function rootText(root: TextModelNode): string {
  return textSegments(root).text;
}

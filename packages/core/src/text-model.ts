/**
 * The article-root text model: which nodes count as the article's text, so that the
 * widget (on the live DOM) and the server (on fetched HTML) compute the same text and the
 * same offsets. It is written against the few DOM properties both sides have.
 *
 * Today the text is the concatenation of the counted text nodes (like `textContent`);
 * skipped are non-content elements, elements with the `hidden` attribute and anything
 * marked `data-errata-ignore` (the widget's own host element carries it).
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
  /** Offset of the node's first character in the root text. */
  start: number;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/** Elements whose content is never article text. */
const SKIPPED_ELEMENTS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'IFRAME',
  'OBJECT',
  'CANVAS',
  'SELECT',
  'TEXTAREA',
]);

/** Attribute that takes an element and its subtree out of the article text. */
export const IGNORE_ATTRIBUTE = 'data-errata-ignore';

/** Whether an element's subtree is left out of the article text. */
export function isSkippedElement(node: TextModelNode): boolean {
  if (SKIPPED_ELEMENTS.has(node.nodeName.toUpperCase())) return true;
  const has = (name: string) =>
    node.hasAttribute ? node.hasAttribute(name) : (node.getAttribute?.(name) ?? null) !== null;
  return has('hidden') || has(IGNORE_ATTRIBUTE);
}

/** The counted text nodes of a root in document order, with their offsets, and the root's text. */
export function textSegments<N extends TextModelNode>(root: N): { text: string; segments: TextSegment<N>[] } {
  const segments: TextSegment<N>[] = [];
  const parts: string[] = [];
  let offset = 0;
  const visit = (node: N): void => {
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
      const value = node.nodeValue ?? '';
      if (value.length === 0) return;
      segments.push({ node, start: offset });
      parts.push(value);
      offset += value.length;
      return;
    }
    if (node.nodeType === ELEMENT_NODE && node !== root && isSkippedElement(node)) return;
    const children = node.childNodes;
    for (let i = 0; i < children.length; i++) visit(children[i] as N);
  };
  visit(root);
  return { text: parts.join(''), segments };
}

/** The article root's text under the text model. */
export function rootText(root: TextModelNode): string {
  return textSegments(root).text;
}

/**
 * The article text of a fetched page, read with core's text model exactly as the widget
 * reads the live page, so a report's position is a position in this text. parse5 builds the
 * tree a browser's parser builds from the same HTML (both follow the HTML standard).
 */
import { type TextModelNode, type TextSegment, textSegments } from '@errata/core';
import { type DefaultTreeAdapterTypes, defaultTreeAdapter, html, parse } from 'parse5';
import { ErrataError } from './errors.ts';
import { attributeOf, parseRootSelector, type RootSelector, selectFirst } from './root-selector.ts';

type HtmlNode = DefaultTreeAdapterTypes.Node;
type HtmlDocument = DefaultTreeAdapterTypes.Document;

/** DOM node types of the parse5 nodes the text model tells apart. */
const NODE_TYPES: Record<string, number> = {
  '#text': 3,
  '#comment': 8,
  '#document': 9,
  '#documentType': 10,
  '#document-fragment': 11,
};
const ELEMENT_NODE = 1;

/** A parse5 node seen through core's TextModelNode; `source` is the node it reads. */
export class HtmlTextNode implements TextModelNode {
  constructor(readonly source: HtmlNode) {}

  get nodeType(): number {
    return NODE_TYPES[this.source.nodeName] ?? ELEMENT_NODE;
  }

  get nodeName(): string {
    return this.source.nodeName;
  }

  get nodeValue(): string | null {
    const node = this.source;
    return defaultTreeAdapter.isTextNode(node)
      ? node.value
      : defaultTreeAdapter.isCommentNode(node)
        ? node.data
        : null;
  }

  get childNodes(): HtmlTextNode[] {
    // A template's children live in its content fragment, as in a browser: not in childNodes.
    return 'childNodes' in this.source ? this.source.childNodes.map((child) => new HtmlTextNode(child)) : [];
  }

  getAttribute(name: string): string | null {
    return defaultTreeAdapter.isElementNode(this.source) ? attributeOf(this.source, name) : null;
  }
}

/** The widget's default roots, in order of preference: an article, else the main content, else the body. */
const DEFAULT_ROOTS = ['article', 'main', 'body'].map((tag) => parseRootSelector(tag) as RootSelector);

/**
 * The article root of a parsed page, as the widget finds it: the first element matching the
 * site's root selector; with no selector, or one that matches nothing here, the first
 * `<article>`, else `<main>`, else `<body>`. Throws a readable error for a selector outside
 * the subset the server evaluates (see root-selector.ts).
 */
export function articleRootIn(document: HtmlDocument, rootSelector: string | null): HtmlNode {
  if (rootSelector?.trim()) {
    const selector = parseRootSelector(rootSelector);
    if (!selector) {
      throw new ErrataError(
        'invalid',
        `The root selector "${rootSelector}" is more than the server can read on a page: use tag names, #id, .class and [attribute] selectors, joined by spaces, ">" or ",".`,
        { rootSelector: 'uses selector syntax the server cannot evaluate' },
      );
    }
    const root = selectFirst(document, selector, document.mode === html.DOCUMENT_MODE.QUIRKS);
    if (root) return root;
  }
  for (const selector of DEFAULT_ROOTS) {
    const root = selectFirst(document, selector);
    if (root) return root;
  }
  return document; // A frameset page has no body: its document stands in.
}

/** The article text of a page and its counted text nodes, with their offsets in that text. */
export interface PageText {
  /** The article root's text under core's text model: what report positions count in. */
  text: string;
  /** The counted text nodes in document order, each with the offset of its first character. */
  segments: TextSegment<HtmlTextNode>[];
}

/**
 * Reads the article text of a page's HTML under the site's root selector (null: the default root).
 * @example pageText('<main><p>The mayor of <b>Minks</b></p></main>', null).text === 'The mayor of Minks'
 */
export function pageText(source: string, rootSelector: string | null): PageText {
  const root = articleRootIn(parse(source), rootSelector);
  return textSegments(new HtmlTextNode(root));
}

/**
 * The article text of a fetched page, read with core's text model exactly as the widget
 * reads the live page, so a report's position is a position in this text. parse5 builds the
 * tree a browser's parser builds from the same HTML (both follow the HTML standard).
 */
import {
  type ArticleRootRef,
  DEFAULT_ROOT_SELECTORS,
  type TextModelNode,
  type TextSegment,
  textSegments,
} from '@errata/core';
import { type DefaultTreeAdapterTypes, defaultTreeAdapter, html, parse } from 'parse5';
import { ErrataError } from './errors.ts';
import {
  attributeOf,
  parseRootSelector,
  type RootSelector,
  selectAll,
  selectFirst,
} from './root-selector.ts';

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
const DEFAULT_ROOTS = DEFAULT_ROOT_SELECTORS.map((tag) => parseRootSelector(tag) as RootSelector);
const BODY = parseRootSelector('body') as RootSelector;

/**
 * The article root of a parsed page for a report that does not say which element it was
 * measured in (made before reports said so): the first element matching the
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

/**
 * A fetched page, parsed once, whose article roots are read on demand: the one each report
 * was measured in (its ArticleRootRef), and the whole body for a report whose root is not
 * found again as it was (the page's scripts added elements before it in the reader's browser).
 */
export class PageRoots {
  private readonly document: HtmlDocument;
  private readonly texts = new Map<HtmlNode, PageText>();

  /** Parses the page; `siteRootSelector` is the site's setting, read for reports that name no root. */
  constructor(
    source: string,
    private readonly siteRootSelector: string | null,
  ) {
    this.document = parse(source);
  }

  /**
   * The text of the root a report was measured in: the `index`-th match of its selector.
   * When the selector is outside what the server evaluates or has fewer matches here, and
   * for reports that name no root, the site's root (articleRootIn). Throws like articleRootIn.
   */
  textOf(ref: ArticleRootRef | null): PageText {
    const parsed = ref ? parseRootSelector(ref.selector) : null;
    const named =
      ref && parsed
        ? selectAll(this.document, parsed, this.document.mode === html.DOCUMENT_MODE.QUIRKS)[ref.index]
        : undefined;
    return this.read(named ?? articleRootIn(this.document, this.siteRootSelector));
  }

  /** The whole body's text (the document's on a frameset page): every root's text is in it. */
  wholeText(): PageText {
    return this.read(selectFirst(this.document, BODY) ?? this.document);
  }

  private read(root: HtmlNode): PageText {
    let text = this.texts.get(root);
    if (!text) {
      text = textSegments(new HtmlTextNode(root));
      this.texts.set(root, text);
    }
    return text;
  }
}

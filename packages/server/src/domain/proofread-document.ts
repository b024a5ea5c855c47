/**
 * A page as the proofreader reads it: the article text of the root the widget reads by
 * default, that root named as a report names it, the page's language and title.
 */
import { type ArticleRootRef, DEFAULT_ROOT_SELECTORS, textSegments } from '@errata/core';
import { type DefaultTreeAdapterTypes, defaultTreeAdapter, html, parse } from 'parse5';
import { HtmlTextNode } from './page-text.ts';
import { parseRootSelector, selectFirst } from './root-selector.ts';

/** A page read: its article text, the root it was read in, its language and title. */
export interface ReadPage {
  url: string;
  text: string;
  root: ArticleRootRef | null;
  htmlLang: string | null;
  title: string | null;
}

/** The widget's default roots, in order, as the server evaluates them. */
const DEFAULT_ROOTS = DEFAULT_ROOT_SELECTORS.map((tag) => ({ tag, selector: parseRootSelector(tag) }));

/**
 * A page's article text, read in the root the widget would read by default (the site's root
 * selector, else the first article, main or body), with that root named as a report names
 * it, so anchoring and the recheck find the same text again.
 */
export function readDocument(source: string, rootSelector: string | null, url: string): ReadPage {
  const document = parse(source);
  const quirks = document.mode === html.DOCUMENT_MODE.QUIRKS;
  let root: DefaultTreeAdapterTypes.ParentNode = document;
  let ref: ArticleRootRef | null = null;
  const siteRoot = rootSelector?.trim() ? parseRootSelector(rootSelector) : null;
  const named = siteRoot ? selectFirst(document, siteRoot, quirks) : null;
  if (named && rootSelector) {
    root = named;
    ref = { selector: rootSelector.trim(), index: 0 };
  } else {
    for (const { tag, selector } of DEFAULT_ROOTS) {
      const found = selector ? selectFirst(document, selector) : null;
      if (found) {
        root = found;
        ref = { selector: tag, index: 0 };
        break;
      }
    }
  }
  const { text } = textSegments(new HtmlTextNode(root));
  const htmlElement = document.childNodes.find(
    (node): node is DefaultTreeAdapterTypes.Element =>
      defaultTreeAdapter.isElementNode(node) && node.tagName === 'html',
  );
  const htmlLang = htmlElement?.attrs.find((a) => a.name === 'lang')?.value.trim() || null;
  const titleElement = selectFirst(document, parseRootSelector('title') ?? []);
  const title =
    titleElement?.childNodes
      .map((n) => (defaultTreeAdapter.isTextNode(n) ? n.value : ''))
      .join('')
      .trim() || null;
  return { url, text, root: ref, htmlLang, title };
}

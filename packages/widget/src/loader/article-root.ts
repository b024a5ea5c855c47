import { DEFAULT_ROOT_SELECTORS } from '@errata/core';

/**
 * The article root of a selection: the element whose text the quote and position refer to
 * (core's ArticleRootRef). Pages with several articles (a live blog, infinite scroll) get
 * the one the reader selected in, so the element containing the selection is preferred.
 */
export function articleRootOf(range: Range, rootSelector: string | null): Element | null {
  // A text node has no closest(): its parent element stands in.
  const inside = (node: Node, selector: string) =>
    ((node as Element).closest ? (node as Element) : node.parentElement)?.closest(selector);
  // The common ancestor first; then either end, for a selection that spills out of the article.
  const ends = [range.commonAncestorContainer, range.startContainer, range.endContainer];
  if (rootSelector) {
    try {
      // A selector that matches nothing on this page (a home page, a misconfiguration) falls back to the default.
      if (document.querySelector(rootSelector)) {
        for (const node of ends) {
          const root = inside(node, rootSelector);
          if (root) return root;
        }
        return null;
      }
    } catch {
      // An invalid selector falls back to the default as well.
    }
  }
  const common = range.commonAncestorContainer;
  for (const selector of DEFAULT_ROOT_SELECTORS) {
    const root = inside(common, selector);
    if (root) return root;
  }
  return null;
}

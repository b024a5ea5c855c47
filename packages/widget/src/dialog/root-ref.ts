import { type ArticleRootRef, DEFAULT_ROOT_SELECTORS } from '@errata/core';

/**
 * How the server finds the root a report was measured in again: the selector it matches
 * (the embed's data-root when it does, else the first default it matches) and how many
 * elements matching that selector come before it. The loader chose the root (article-root.ts).
 */
export function rootRefOf(root: Element, rootSelector: string | null): ArticleRootRef {
  const selectors = rootSelector ? [rootSelector, ...DEFAULT_ROOT_SELECTORS] : DEFAULT_ROOT_SELECTORS;
  for (const selector of selectors) {
    try {
      if (!root.matches(selector)) continue;
    } catch {
      continue; // An invalid data-root: the loader fell back to the defaults too.
    }
    return { selector, index: Array.prototype.indexOf.call(document.querySelectorAll(selector), root) };
  }
  // A root no selector names (it cannot happen with the loader's rule): the body's text stands in.
  return { selector: 'body', index: 0 };
}

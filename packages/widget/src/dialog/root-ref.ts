import type { ArticleRootRef } from '@errata/core';

/**
 * How the server finds the root a report was measured in again: the selector it matches and
 * how many elements matching that selector come before it. The loader chose the root
 * (article-root.ts): under the embed's data-root when it matches, else the nearest of
 * core's DEFAULT_ROOT_SELECTORS, which are tag names.
 */
export function rootRefOf(root: Element, rootSelector: string | null): ArticleRootRef {
  let selector = root.nodeName.toLowerCase();
  try {
    if (rootSelector && root.matches(rootSelector)) selector = rootSelector;
  } catch {
    // An invalid data-root: the loader fell back to the default roots too.
  }
  return { selector, index: [...document.querySelectorAll(selector)].indexOf(root) };
}

import {
  describeRange,
  type ReportInput,
  type TextPositionSelector,
  type TextQuoteSelector,
  textSegments,
} from '@errata/core';
import { articleRootOf } from './article-root.ts';
import type { WidgetConfig } from './config.ts';
import { pageLang, pageTitle, pageUrl } from './page-info.ts';

/** A report as captured from the page, before the reader adds a correction or a comment. */
export type ReportDraft = Omit<ReportInput, 'suggestion' | 'comment'>;

/**
 * The report draft for the reader's current selection, or null when nothing of the
 * article is selected (no selection, only whitespace, or outside the article root).
 */
export function captureSelection(config: WidgetConfig): ReportDraft | null {
  const selection = document.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const root = articleRootOf(range, config.root);
  const selectors = root && selectorsOfRange(range, root);
  if (!selectors) return null;
  return {
    site: config.site,
    url: pageUrl(),
    title: pageTitle(),
    lang: pageLang(config.lang),
    ...selectors,
  };
}

/**
 * The quote and position of a DOM range over the root's text (core's text model), whitespace
 * trimmed; null when the range covers no text. Parts of the range outside the root are cut off.
 */
export function selectorsOfRange(
  range: Range,
  root: Element,
): { quote: TextQuoteSelector; position: TextPositionSelector } | null {
  const { text, segments } = textSegments<Node>(root);
  /** Characters of root text before a boundary point. */
  const offsetOf = (container: Node, offset: number): number => {
    const own = segments.find((segment) => segment.node === container);
    if (own) return own.start + offset;
    // The point sits between nodes (an element container, or text the model leaves out):
    // it falls before the first counted text node that does not start before it.
    const point = document.createRange();
    point.setStart(container, offset);
    let low = 0;
    let high = segments.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (point.comparePoint((segments[middle] as { node: Node }).node, 0) < 0) low = middle + 1;
      else high = middle;
    }
    return segments[low]?.start ?? text.length;
  };
  return describeRange(
    text,
    offsetOf(range.startContainer, range.startOffset),
    offsetOf(range.endContainer, range.endOffset),
  );
}

import {
  describeRange,
  QUOTE_EXACT_MAX,
  type TextPositionSelector,
  type TextQuoteSelector,
  textSegments,
} from '@errata/core';
import type { ErrataStrings } from '../../errata.d.ts';
import type { ReportDraft } from '../delivery/complete-report.ts';
import type { WidgetConfig } from '../loader/config.ts';
import { canonicalUrl, pageLang, pageTitle, pageUrl } from './page-info.ts';
import { rootRefOf } from './root-ref.ts';

/**
 * The report draft for a range of the page, or null when it holds no text of the article
 * root (only whitespace, or nothing the text model counts).
 */
export function draftOf(range: Range, root: Element | null, config: WidgetConfig): ReportDraft | null {
  const selectors = root && selectorsOfRange(range, root);
  if (!selectors) return null;
  return {
    site: config.site,
    url: pageUrl(),
    canonical: canonicalUrl(),
    title: pageTitle(),
    lang: pageLang(config.lang),
    ...selectors,
    root: rootRefOf(root, config.root),
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
    return segments.find((segment) => point.comparePoint(segment.node, 0) >= 0)?.start ?? text.length;
  };
  return describeRange(
    text,
    offsetOf(range.startContainer, range.startOffset),
    offsetOf(range.endContainer, range.endOffset),
  );
}

/** What to tell a reader whose selection is longer than a quote may be (QUOTE_EXACT_MAX characters); null when it fits. */
export function tooLongMessage(draft: ReportDraft, strings: ErrataStrings): string | null {
  return Array.from(draft.quote.exact).length > QUOTE_EXACT_MAX
    ? strings.tooLong.replace('{max}', String(QUOTE_EXACT_MAX))
    : null;
}

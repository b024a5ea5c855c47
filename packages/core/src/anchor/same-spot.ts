import type { TextPositionSelector, TextQuoteSelector } from '../selector.ts';
import { similarAtLeast } from './similarity.ts';

/** A quote at a place: what a report carries and what an erratum keeps of its first report. */
export interface Spot {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

/** Context agreement that makes an occurrence inside a report's window the erratum's own. */
const CONTEXT_AGREEMENT_MIN = 0.9;

/**
 * Whether a new report marks the same mistake as an erratum on the same page: readers
 * select slightly different ranges ("Minks", "in Minks and"), and the page may have shifted
 * between their visits. The erratum's quote is looked for inside the report's own window
 * of text (its prefix, quote and suffix), with the erratum's context agreeing where the
 * window has it; the two are one spot when that occurrence overlaps the report's quote.
 * Two different mistakes in one sentence do not overlap and stay two errata.
 */
export function isSameSpot(erratum: Spot, report: Spot): boolean {
  return sameSpotAs(report)(erratum);
}

/**
 * isSameSpot for one report against many errata (a batch compares each report with the
 * errata near it): the report's window is built once, not once per erratum.
 */
export function sameSpotAs(report: Spot): (erratum: Spot) => boolean {
  const window = report.quote.prefix + report.quote.exact + report.quote.suffix;
  const quoteStart = report.quote.prefix.length;
  const quoteEnd = quoteStart + report.quote.exact.length;
  return (erratum) => {
    const exact = erratum.quote.exact;
    if (exact.length === 0) return false;
    for (let at = window.indexOf(exact); at !== -1; at = window.indexOf(exact, at + 1)) {
      const end = at + exact.length;
      if (at >= quoteEnd || end <= quoteStart) continue; // Does not overlap the reader's selection.
      if (contextAgrees(erratum.quote, window, at, end)) return true;
    }
    return false;
  };
}

/** The erratum's prefix and suffix against the window's text beside the occurrence, as far as the window reaches. */
function contextAgrees(quote: TextQuoteSelector, window: string, start: number, end: number): boolean {
  const before = Math.min(quote.prefix.length, start);
  const after = Math.min(quote.suffix.length, window.length - end);
  const prefixOk =
    before === 0 ||
    similarAtLeast(quote.prefix.slice(-before), window.slice(start - before, start), CONTEXT_AGREEMENT_MIN);
  const suffixOk =
    after === 0 ||
    similarAtLeast(quote.suffix.slice(0, after), window.slice(end, end + after), CONTEXT_AGREEMENT_MIN);
  return prefixOk && suffixOk;
}

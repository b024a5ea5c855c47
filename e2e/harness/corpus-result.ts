/** What a real-pages corpus run counts: tallies per step and the failures with their causes. */

export type FailureCause =
  | 'widget not loaded'
  | 'no story words visible'
  | 'no word found in the source'
  | 'not selected'
  | 'no dialog'
  | 'not sent'
  | 'stored quote differs'
  | 'not still there on the unchanged page'
  | 'fix not verified'
  | 'other erratum disturbed by the fix'
  | 'not still there after its sentence was reworded'
  | 'page error';

/** One thing that went wrong: on which page, with which quote, what was expected and what happened. */
export interface CorpusFailure {
  cause: FailureCause;
  page: string;
  quote: string;
  expected: string;
  got: string;
}

/** `passed` of `of`. */
export interface Tally {
  passed: number;
  of: number;
}

export interface CorpusResult {
  pages: number;
  /** Pages where the widget defined window.Errata. */
  widgetLoaded: Tally;
  /** Words selected that opened the dialog. */
  dialogOpened: Tally;
  /** Words selected whose report was stored (201). */
  sent: Tally;
  /** Stored reports whose quote is the selected word. */
  quoteExact: Tally;
  /** Pages where the widget loaded and words were chosen that sent all their words' reports. */
  pagesAllSent: Tally;
  /** Errata still there when their page was rechecked unchanged. */
  unchangedStillThere: Tally;
  /** Fixed errata verified with the corrected word as their replacement. */
  fixVerified: Tally;
  /** The other errata of a fixed page still there after the fix. */
  othersUndisturbed: Tally;
  /** Errata still there once words were written in around them (the second reported word of a page). */
  rewordedStillThere: Tally;
  /** How many sends got each HTTP status ("0" when none came). */
  sendStatuses: Record<string, number>;
  /** Wall-clock time of each page, in ms. */
  pageMs: number[];
  failures: CorpusFailure[];
}

export function emptyResult(pages: number): CorpusResult {
  const tally = () => ({ passed: 0, of: 0 });
  return {
    pages,
    widgetLoaded: tally(),
    dialogOpened: tally(),
    sent: tally(),
    quoteExact: tally(),
    pagesAllSent: tally(),
    unchangedStillThere: tally(),
    fixVerified: tally(),
    othersUndisturbed: tally(),
    rewordedStillThere: tally(),
    sendStatuses: {},
    pageMs: [],
    failures: [],
  };
}

export function fail(
  result: CorpusResult,
  cause: FailureCause,
  page: string,
  quote: string,
  expected: string,
  got: string,
): void {
  result.failures.push({ cause, page, quote, expected, got });
}

/** Adds one case to a tally; returns whether it passed. */
export function count(tally: Tally, passed: boolean): boolean {
  tally.of++;
  if (passed) tally.passed++;
  return passed;
}

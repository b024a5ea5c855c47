/**
 * How a recheck judges each erratum on the text it fetched: where its quote anchors in the
 * root the reader measured in (or the whole page), and what that means for the erratum (still
 * there, replaced: the fix, or gone). See docs/architecture.md, "Recheck".
 */
import { type Anchor, anchor, normalizeUrl } from '@errata/core';
import type { FetchOutcome } from '../fetch/safe-fetch.ts';
import type { CheckJudgement, ErratumRow } from '../store/erratum-checks-store.ts';
import { PageRoots } from './page-text.ts';

/** Reasons shown to editors beside the check's state. */
export const CHECK_REASONS = {
  stillThere: 'the quote is still on the page',
  replaced: 'the quote was replaced on the page',
  gone: 'the sentence is no longer on the page',
} as const;

/**
 * How to judge each erratum after this fetch: null keeps it as it was (the page did not
 * change); `failure` is the reason no text was read, if none was.
 */
export function judgeWith(
  outcome: FetchOutcome,
  rootSelector: string | null,
  rows: ErratumRow[],
  pageUrl: string,
): { judge: (row: ErratumRow) => CheckJudgement | null; failure: string | null } {
  const unreachable = (reason: string) => ({
    judge: (): CheckJudgement => ({ state: 'unreachable', reason, replacedBy: null, verified: false }),
    failure: reason,
  });
  if (!outcome.ok) return unreachable(outcome.reason);
  if (outcome.notModified) return { judge: () => null, failure: null };
  let found: Map<string, Anchor>;
  try {
    const page = new PageRoots(outcome.body, rootSelector);
    found = new Map(rows.map((row) => [row.id, anchorErratum(page, row)]));
  } catch (error) {
    return unreachable(error instanceof Error ? error.message : String(error));
  }
  // A removed article often redirects to the front page: when none of its sentences is on
  // the page redirected to, the page is gone (tried again later), not corrected.
  if (normalizeUrl(outcome.url) !== pageUrl && [...found.values()].every((a) => a.verdict === 'gone')) {
    return unreachable(`the page now redirects to ${outcome.url}`);
  }
  return {
    judge: (row) => {
      const where = found.get(row.id);
      return where ? judgement(where, row.status === 'fixed') : null;
    },
    failure: null,
  };
}

/**
 * Where an erratum's quote is now: in the root its report was measured in, at its reported
 * position; when it is not there, anywhere on the page (the root not found again as the
 * reader's browser had it), where position says nothing and context decides.
 */
export function anchorErratum(page: PageRoots, row: ErratumRow): Anchor {
  const quote = { exact: row.quote_exact, prefix: row.quote_prefix, suffix: row.quote_suffix };
  const ref =
    row.root_selector === null || row.root_index === null
      ? null
      : { selector: row.root_selector, index: Number(row.root_index) };
  const inRoot = anchor(page.textOf(ref).text, quote, {
    start: Number(row.position_start),
    end: Number(row.position_end),
  });
  if (inRoot.verdict !== 'gone') return inRoot;
  return anchor(page.wholeText().text, quote);
}

/** The check's verdict on one erratum from where its quote anchors in the page's text now. */
export function judgement(found: Anchor, fixed: boolean): CheckJudgement {
  switch (found.verdict) {
    case 'found':
      return { state: 'still_there', reason: CHECK_REASONS.stillThere, replacedBy: null, verified: false };
    case 'edited':
      return {
        state: fixed ? 'replaced' : 'possibly_fixed',
        reason: CHECK_REASONS.replaced,
        replacedBy: (found.current ?? '').trim(),
        verified: fixed,
      };
    case 'gone':
      return { state: 'possibly_fixed', reason: CHECK_REASONS.gone, replacedBy: null, verified: false };
  }
}

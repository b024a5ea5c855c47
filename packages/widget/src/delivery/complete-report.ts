import type { ReportInput } from '@errata/core';

/** A report as captured from the page, before the reader adds a correction or a comment. */
export type ReportDraft = Omit<ReportInput, 'suggestion' | 'comment' | 'clientId'>;

/**
 * The report to send: the draft plus what the reader typed and the report's id. A correction
 * left as the quote (or emptied) is no correction, and an empty comment is no comment; both
 * are left out.
 */
export function completeReport(
  draft: ReportDraft,
  suggestion: string,
  comment: string,
  clientId: string,
): ReportInput & { clientId: string } {
  const report: ReportInput & { clientId: string } = { ...draft, clientId };
  const correction = suggestion.trim();
  if (correction && correction !== draft.quote.exact) report.suggestion = correction;
  if (comment.trim()) report.comment = comment.trim();
  return report;
}

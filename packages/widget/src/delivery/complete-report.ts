import type { ReportInput, ReportKind } from '@errata/core';

/** A report as captured from the page, before the reader adds a correction or a comment. */
export type ReportDraft = Omit<ReportInput, 'suggestion' | 'comment' | 'clientId' | 'kind' | 'email'>;

/** What the reader typed and chose in the dialog (or a site passed to Errata.report()). */
export interface ReaderInput {
  suggestion?: string;
  comment?: string;
  kind?: ReportKind;
  email?: string;
}

/**
 * The report to send: the draft plus what the reader typed and the report's id. A correction
 * left as the quote (or emptied) is no correction, and an empty comment or e-mail is none;
 * they are left out.
 */
export function completeReport(
  draft: ReportDraft,
  { suggestion = '', comment = '', kind, email = '' }: ReaderInput,
  clientId: string,
): ReportInput & { clientId: string } {
  const report: ReportInput & { clientId: string } = { ...draft, clientId };
  const correction = suggestion.trim();
  if (correction && correction !== draft.quote.exact) report.suggestion = correction;
  if (comment.trim()) report.comment = comment.trim();
  if (kind) report.kind = kind;
  if (email.trim()) report.email = email.trim();
  return report;
}

import type { ReportInput, ReportKind } from '@errata/core';

/** A report as captured from the page, before the reader adds a correction or a comment. */
export type ReportDraft = Omit<
  ReportInput,
  'suggestion' | 'comment' | 'clientId' | 'kind' | 'email' | 'website' | 'altcha'
>;

/** What the reader typed and chose in the dialog (or a site passed to Errata.report()). */
export interface ReaderInput {
  suggestion?: string;
  comment?: string;
  kind?: ReportKind;
  email?: string;
  /** The dialog's hidden honeypot field: empty from a person, filled by a form-filling bot. */
  website?: string;
}

/**
 * The report to send: the draft plus what the reader typed and the report's id. A correction
 * left as the quote (or emptied) is no correction, and an empty comment or e-mail is none;
 * they are left out; so is the honeypot field, unless a bot filled it.
 */
export function completeReport(
  draft: ReportDraft,
  { suggestion = '', comment = '', kind, email = '', website }: ReaderInput,
  clientId: string,
): ReportInput & { clientId: string } {
  const report: ReportInput & { clientId: string } = { ...draft, clientId };
  const correction = suggestion.trim();
  if (correction && correction !== draft.quote.exact) report.suggestion = correction;
  if (comment.trim()) report.comment = comment.trim();
  if (kind) report.kind = kind;
  if (email.trim()) report.email = email.trim();
  if (website) report.website = website;
  return report;
}

import type { ApiError, ReportInput, ReportReceipt } from '@errata/core';
import type { ReportDraft } from './capture.ts';
import { strings } from './strings.ts';

/** What became of one attempt to send a report: the receipt, or a sentence for the reader. */
export type SendOutcome = { receipt: ReportReceipt | null } | { error: string };

/**
 * The report to send: the draft plus what the reader typed. A correction left as the quote
 * (or emptied) is no correction, and an empty comment is no comment; both are left out.
 */
export function completeReport(draft: ReportDraft, suggestion: string, comment: string): ReportInput {
  const report: ReportInput = { ...draft };
  const correction = suggestion.trim();
  if (correction && correction !== draft.quote.exact) report.suggestion = correction;
  if (comment.trim()) report.comment = comment.trim();
  return report;
}

/**
 * POSTs a report. The body is JSON sent as text/plain so that the request stays a CORS
 * "simple request" (no preflight round trip); keepalive lets it finish if the reader leaves
 * the page; no cookies go with it.
 */
export async function sendReport(endpoint: string, report: ReportInput): Promise<SendOutcome> {
  let response: Response;
  try {
    response = await fetch(`${endpoint}/api/v1/reports`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify(report),
      keepalive: true,
      credentials: 'omit',
    });
  } catch {
    return { error: strings.offline };
  }
  const body: unknown = await response.json().catch(() => null);
  // Any 2xx means the report is stored; a receipt the widget cannot read changes nothing for the reader.
  if (response.ok) return { receipt: (body as ReportReceipt | null) ?? null };
  if (response.status === 429) return { error: strings.tooMany };
  // A 4xx names what was wrong with this report (ApiError); a 5xx is the server's problem, not the reader's.
  const message = response.status < 500 && (body as Partial<ApiError> | null)?.error;
  return { error: typeof message === 'string' && message ? message : strings.failed };
}

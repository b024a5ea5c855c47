import { SEND_TIMEOUT_MS } from '../delivery/send.ts';

/** A report of this reader's whose mistake was corrected, as the server tells it. */
export interface CorrectedReport {
  id: string;
  /** The words the reader reported. */
  quote: string;
  /** What replaced them, when known. */
  correction: string | null;
}

/**
 * Asks the server which of these reports were corrected (POST /api/v1/reports/status). It
 * learns the ids and nothing else: like a report, a text/plain body (no CORS preflight) and
 * no cookies. Null when there is no usable answer (offline, server down, an older server):
 * the ids stay, to be asked about on a later page.
 */
export async function correctedReports(
  endpoint: string,
  site: string,
  ids: string[],
): Promise<CorrectedReport[] | null> {
  try {
    const response = await fetch(`${endpoint}/api/v1/reports/status`, {
      method: 'POST',
      body: JSON.stringify({ site, ids }),
      credentials: 'omit',
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    const body = (await response.json()) as { corrected?: unknown };
    return response.ok && Array.isArray(body.corrected)
      ? body.corrected.filter(
          (report: CorrectedReport) => typeof report?.id === 'string' && typeof report.quote === 'string',
        )
      : null;
  } catch {
    return null;
  }
}

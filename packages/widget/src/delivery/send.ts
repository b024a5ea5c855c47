import type {
  ApiError,
  ProofOfWorkChallenge,
  ProofOfWorkRequired,
  ReportInput,
  ReportReceipt,
} from '@errata/core';

/** How long one send may take before it counts as failed and the report waits in the queue: a slow phone network, not a dead one. */
export const SEND_TIMEOUT_MS = 15_000;
/** Wait before retrying a 429 whose Retry-After the widget cannot read (absent, or not exposed by CORS). */
export const DEFAULT_RETRY_AFTER_MS = 60_000;

/** What became of one attempt to send a report. */
export type Delivery =
  /** The server has it: 201 the first time, 200 with the same receipt for a resend of the same clientId. */
  | { kind: 'sent'; receipt: ReportReceipt | null }
  /**
   * The server refused this report (400, 403, 413…): sending it again would change nothing;
   * unless it holds a `challenge` (428, a site that asks for proof of work): solved, it may be sent again.
   */
  | { kind: 'refused'; status: number; message: string | null; challenge?: ProofOfWorkChallenge }
  /**
   * No answer, a server failure or 429: worth sending again later. `status` is 0 without an
   * answer; `retryAfterMs` is the server's Retry-After (always set for a 429).
   */
  | { kind: 'later'; status: number; retryAfterMs?: number };

/**
 * POSTs a report. The body is JSON sent as text/plain so that the request stays a CORS
 * "simple request" (no preflight round trip); keepalive lets it finish if the reader leaves
 * the page; no cookies go with it. Never throws.
 */
export async function sendReport(
  endpoint: string,
  report: ReportInput,
  timeoutMs = SEND_TIMEOUT_MS,
): Promise<Delivery> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(`${endpoint}/api/v1/reports`, {
      method: 'POST',
      // A string body goes as text/plain;charset=UTF-8 without being told.
      body: JSON.stringify(report),
      keepalive: true,
      credentials: 'omit',
      signal: controller.signal,
    });
    const { status } = response;
    const body: unknown = await response.json().catch(() => null);
    // Any 2xx means the report is stored; a receipt the widget cannot read changes nothing for the reader.
    if (response.ok) return { kind: 'sent', receipt: (body as ReportReceipt | null) ?? null };
    if (status === 429 || status === 408 || status >= 500) {
      // A 429 always says when to come back (a minute if it cannot be read); a busy server may too.
      const after = response.headers.get('Retry-After');
      const delivery: Delivery = { kind: 'later', status };
      if (status === 429 || after) delivery.retryAfterMs = retryAfterMs(after);
      return delivery;
    }
    const { error: message, challenge } = (body ?? {}) as Partial<ApiError & ProofOfWorkRequired>;
    return {
      kind: 'refused',
      status,
      message: typeof message === 'string' && message ? message : null,
      challenge,
    };
  } catch {
    // Offline, server unreachable, or the timeout aborted it.
    return { kind: 'later', status: 0 };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Milliseconds to wait according to a Retry-After header in seconds (what Errata sends; the
 * rare HTTP-date form counts as unreadable).
 * @example retryAfterMs('120') === 120_000
 */
export function retryAfterMs(header: string | null): number {
  return header && /^\s*\d+\s*$/.test(header) ? Number(header) * 1000 : DEFAULT_RETRY_AFTER_MS;
}

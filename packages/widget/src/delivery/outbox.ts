import { doublingWaitMs, type ReportInput } from '@errata/core';
import { QUEUE_MAX_AGE_MS, type Queue, type QueuedReport } from './queue.ts';
import { type Delivery, SEND_TIMEOUT_MS, sendReport } from './send.ts';

/**
 * Wait before the next resend after `tries` failures: 30 s after the first, doubling up to
 * 30 min while the page stays open, spread ±20% so that readers who lost the server together
 * do not all come back at once. (Numbers inline, not named constants: bytes every reader downloads.)
 */
export function backoffMs(tries: number, random = Math.random()): number {
  return doublingWaitMs(tries, 30_000, 1_800_000) * (0.8 + 0.4 * random);
}

/** Sends reports, and keeps those the server did not take to send again later. */
export interface Outbox {
  /** Sends a report now; it waits in the queue from before the first attempt, so leaving the page mid-send loses nothing. */
  send(endpoint: string, report: ReportInput & { clientId: string }): Promise<Delivery>;
  /**
   * Resends the queued reports that are due; `force` also those still waiting out a backoff
   * (the reader is back online, or on a new page), but never one a Retry-After holds back.
   */
  flush(force?: boolean): Promise<void>;
}

/**
 * An outbox over a site's queue. `onDelivery` hears what became of every attempt (`retry`
 * is true for a resend from the queue).
 */
export function createOutbox(
  queue: Queue,
  onDelivery: (report: ReportInput, delivery: Delivery, retry: boolean) => void,
  send = sendReport,
  now = Date.now,
): Outbox {
  /** ClientIds being sent right now: a flush skips them. */
  const inFlight = new Set<string>();
  let flushing = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** Wakes up when the earliest queued report is due (at most 2^31-1 ms ahead: setTimeout's limit). */
  const schedule = () => {
    const due = queue
      .read()
      .filter((queued) => !inFlight.has(queued.report.clientId))
      .map((queued) => queued.next);
    clearTimeout(timer);
    if (due.length > 0) timer = setTimeout(outbox.flush, Math.min(2_147_483_647, Math.min(...due) - now()));
  };

  /** One attempt; the queue keeps the report only if it is worth another. */
  const attempt = async (entry: QueuedReport, retry: boolean): Promise<Delivery> => {
    const { report } = entry;
    inFlight.add(report.clientId);
    const delivery = await send(entry.endpoint, report);
    inFlight.delete(report.clientId);
    const later = delivery.kind === 'later';
    const tries = entry.tries + 1;
    const wait = later && (delivery.retryAfterMs ?? backoffMs(tries));
    queue.put(
      report.clientId,
      wait === false
        ? undefined
        : { ...entry, tries, next: now() + wait, throttled: later && !!delivery.retryAfterMs },
    );
    onDelivery(report, delivery, retry);
    schedule();
    return delivery;
  };

  const outbox: Outbox = {
    send(endpoint, report) {
      const entry = { report, endpoint, queuedAt: now(), tries: 0, next: now() + SEND_TIMEOUT_MS };
      queue.put(report.clientId, entry);
      return attempt(entry, false);
    },

    async flush(force = false) {
      if (flushing) return;
      flushing = true;
      for (const entry of queue.read()) {
        if (inFlight.has(entry.report.clientId)) continue;
        if (now() - entry.queuedAt > QUEUE_MAX_AGE_MS) queue.put(entry.report.clientId);
        else if (entry.next <= now() || (force && !entry.throttled)) {
          const delivery = await attempt(entry, true);
          // No answer at all: the others would fail the same way; they wait for the next wake-up.
          if (delivery.kind === 'later' && !delivery.status) break;
        }
      }
      flushing = false;
      schedule();
    },
  };
  return outbox;
}

import type { DeliveryLogEntry } from '@errata/core';
import { EVENT_WORDS } from './webhook-form.ts';

const MINUTE = 60_000; // Milliseconds in a minute.
const HOUR = 60 * MINUTE;

/** The statuses the log can be narrowed to, with their words. */
export const DELIVERY_STATUS_WORDS: Record<DeliveryLogEntry['status'], string> = {
  pending: 'Waiting',
  delivered: 'Delivered',
  dead: 'Given up',
};

/** The event's short name ("New erratum"), or its type when the dashboard does not know it. */
export function eventText(entry: Pick<DeliveryLogEntry, 'eventType'>): string {
  return (EVENT_WORDS as Record<string, string>)[entry.eventType] ?? entry.eventType;
}

/** When a pending delivery is tried next: "now", "in 20 s", "in 4 min", "in 2 h". */
export function nextTryText(nextAttemptAt: string, now: Date): string {
  const wait = Date.parse(nextAttemptAt) - now.getTime();
  if (Number.isNaN(wait) || wait <= 0) return 'now';
  if (wait < MINUTE) return `in ${Math.ceil(wait / 1000)} s`;
  if (wait < HOUR) return `in ${Math.ceil(wait / MINUTE)} min`;
  return `in ${Math.round(wait / HOUR)} h`;
}

/** The outcome of the last attempt: "HTTP 500: The receiver answered HTTP 500." or the error alone. */
export function lastAnswerText(
  entry: Pick<DeliveryLogEntry, 'attempts' | 'lastStatusCode' | 'lastError'>,
): string {
  if (entry.attempts === 0) return 'Not tried yet';
  const code = entry.lastStatusCode === null ? '' : `${entry.lastStatusCode}`;
  if (entry.lastError === null) return code ? `OK (${code})` : 'OK';
  return entry.lastError;
}

/** Whether the owner can press Retry: anything not delivered yet. */
export function canRetry(entry: Pick<DeliveryLogEntry, 'status'>): boolean {
  return entry.status !== 'delivered';
}

/** A log with a line replaced by its newer version (after a retry), order kept. */
export function replaceEntry(
  entries: readonly DeliveryLogEntry[],
  fresh: DeliveryLogEntry,
): DeliveryLogEntry[] {
  return entries.map((entry) => (entry.id === fresh.id ? fresh : entry));
}

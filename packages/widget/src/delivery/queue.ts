import type { ReportInput } from '@errata/core';
import { queueKey } from './queue-key.ts';

/** Reports kept per site: a reader offline for a whole commute reports a few mistakes, not dozens. */
export const QUEUE_MAX = 20;
/** Reports older than this are dropped unsent: by then the page has probably changed. */
export const QUEUE_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

/** A report waiting in the browser to be sent (again). */
export interface QueuedReport {
  /** The report as it will be sent, with its clientId. */
  report: ReportInput & { clientId: string };
  /** The Errata server it goes to. */
  endpoint: string;
  /** When the reader sent it, in ms since the epoch. */
  queuedAt: number;
  /** Attempts that failed so far. */
  tries: number;
  /** Not to be sent before this time, in ms since the epoch. */
  next: number;
  /** True when `next` is the server's Retry-After, which coming back online does not cut short. */
  throttled?: boolean;
}

/** A site's offline queue in localStorage (per origin, so per site). */
export interface Queue {
  /** The queued reports, oldest first; none when storage is blocked or unreadable. */
  read(): QueuedReport[];
  /**
   * Puts an entry in place of the one with the same clientId (or adds it), dropping the
   * oldest past QUEUE_MAX; without an entry, only removes the clientId's.
   */
  put(clientId: string, entry?: QueuedReport): void;
}

export function openQueue(site: string, storage: Storage | null = browserStorage()): Queue {
  const key = queueKey(site);
  const queue: Queue = {
    read() {
      try {
        const stored: unknown = JSON.parse(storage?.getItem(key) ?? '[]');
        return Array.isArray(stored) ? stored : [];
      } catch {
        return [];
      }
    },
    put(clientId, entry) {
      const kept = queue.read().filter((queued) => queued.report.clientId !== clientId);
      if (entry) kept.push(entry);
      try {
        // An empty queue removes the key, so the loader's check at start stays cheap.
        if (kept.length > 0) storage?.setItem(key, JSON.stringify(kept.slice(-QUEUE_MAX)));
        else storage?.removeItem(key);
      } catch {
        // Storage full or blocked: the report is still being sent, only not kept for later.
      }
    },
  };
  return queue;
}

/** localStorage, or null where a browser forbids it (blocked storage, sandboxed frames). */
export function browserStorage(): Storage | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}

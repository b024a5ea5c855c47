import type { ErratumEvent } from '@errata/core';

/**
 * After a refusal (a 401, a 404, a proxy's 502 while the server restarts) EventSource gives
 * up for good; the feed tries again after this long. Network drops it retries by itself.
 */
export const RETRY_AFTER_REFUSAL_MS = 30_000;

/** Where the live stream is: connecting, open, or dropped and waiting to come back. */
export type LiveState = 'connecting' | 'live' | 'broken';

/** What a part of the inbox wants to hear of the live stream; every method is optional. */
export interface LiveListener {
  /** An erratum of the site changed. */
  erratum?(event: ErratumEvent): void;
  /**
   * The stream (re)opened at `at` (performance.now()). Events before it were not received:
   * a list loaded before it should be loaded again to catch up.
   */
  opened?(at: number): void;
  state?(state: LiveState): void;
}

/** The erratum event in a message's data, or null when it is not one this dashboard knows. */
export function parseErratumEvent(data: unknown): ErratumEvent | null {
  if (typeof data !== 'string') return null;
  try {
    const event = JSON.parse(data) as Partial<ErratumEvent> | null;
    const erratum = event?.erratum;
    if (event?.type !== 'erratum.updated' || typeof erratum !== 'object' || erratum === null) return null;
    if (typeof erratum.id !== 'string' || typeof erratum.site !== 'string') return null;
    return event as ErratumEvent;
  } catch {
    return null;
  }
}

/**
 * The site's live events (GET /api/v1/events) for every part of the inbox that listens:
 * one EventSource for the whole inbox, however many lists and counters follow it.
 */
export class LiveFeed {
  private readonly listeners = new Set<LiveListener>();

  /** Starts telling `listener`; returns the function that stops. */
  listen(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Opens the stream of one site (the session cookie signs it in); returns the function that closes it. */
  connect(siteId: string, path = '/api/v1/events'): () => void {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const open = () => {
      this.tell((listener) => listener.state?.('connecting'));
      const current = new EventSource(`${path}?site=${encodeURIComponent(siteId)}`);
      source = current;
      current.addEventListener('open', () => {
        const at = performance.now();
        this.tell((listener) => listener.state?.('live'));
        this.tell((listener) => listener.opened?.(at));
      });
      current.addEventListener('error', () => {
        this.tell((listener) => listener.state?.('broken'));
        if (current.readyState !== EventSource.CLOSED) return;
        current.close();
        retry = setTimeout(open, RETRY_AFTER_REFUSAL_MS);
      });
      current.addEventListener('erratum.updated', (message) => {
        const event = parseErratumEvent((message as MessageEvent).data);
        if (event) this.tell((listener) => listener.erratum?.(event));
      });
    };
    open();
    return () => {
      clearTimeout(retry);
      source?.close();
    };
  }

  private tell(call: (listener: LiveListener) => void): void {
    for (const listener of [...this.listeners]) call(listener);
  }
}

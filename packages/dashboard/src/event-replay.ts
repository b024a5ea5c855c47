import type { ErratumEvent } from '@errata/core';

/** The events received since a request was sent; `take()` stops recording and hands them over. */
export interface Recording {
  take(): ErratumEvent[];
}

/**
 * Keeps the live events that arrive while a list request is on its way. Its answer may have
 * been read before them or after: applying them again over the answer gives the same list
 * either way, since an event older than the copy in the answer changes nothing.
 */
export class EventReplay {
  private readonly recordings = new Set<ErratumEvent[]>();

  /** Starts recording for one request. */
  start(): Recording {
    const events: ErratumEvent[] = [];
    this.recordings.add(events);
    return {
      take: () => {
        this.recordings.delete(events);
        return events;
      },
    };
  }

  /** Adds an event to every recording in progress. */
  record(event: ErratumEvent): void {
    for (const events of this.recordings) events.push(event);
  }
}

import type { ErratumEvent } from '@errata/core';

/** An event as delivered to a subscriber, numbered in the order it was published. */
export interface NumberedEvent {
  /** Grows by one per event published through this bus; the live stream's `id:`. */
  id: number;
  event: ErratumEvent;
}

export type LiveEventListener = (delivery: NumberedEvent) => void;

/**
 * Where live erratum events go, by site, for the dashboards that watch it (the audit log is
 * another thing: the erratum_events table). One process needs no more than the in-memory bus
 * below; with several Errata instances behind a load balancer, an implementation over
 * Redis/Valkey pub/sub (one channel per site) takes its place, so an editor connected to
 * instance A sees a report that instance B stored (docs/architecture.md, "Live events").
 */
export interface LiveEvents {
  /** Delivers an event to every subscriber of its erratum's site; never throws. */
  publish(event: ErratumEvent): void;
  /** Calls `listener` with every event of one site until the returned function is called. */
  subscribe(siteId: string, listener: LiveEventListener): () => void;
  /**
   * False only when no one can receive a site's events, so a publisher may skip reading the
   * erratum back. A bus that fans out to other instances cannot know, and answers true.
   */
  isWatched(siteId: string): boolean;
}

/** The bus of one process: listeners in a map by site, called synchronously. */
export class InMemoryLiveEvents implements LiveEvents {
  private readonly listeners = new Map<string, Set<LiveEventListener>>();
  private lastId = 0;

  constructor(
    /** Told when a listener throws; the other listeners still get the event. */
    private readonly onListenerError: (error: unknown) => void = () => {},
  ) {}

  publish(event: ErratumEvent): void {
    const delivery = { id: ++this.lastId, event };
    // A copy: a listener may unsubscribe (its stream closed) while we deliver.
    for (const listener of [...(this.listeners.get(event.erratum.site) ?? [])]) {
      try {
        listener(delivery);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  subscribe(siteId: string, listener: LiveEventListener): () => void {
    const forSite = this.listeners.get(siteId) ?? new Set();
    forSite.add(listener);
    this.listeners.set(siteId, forSite);
    return () => {
      forSite.delete(listener);
      if (forSite.size === 0 && this.listeners.get(siteId) === forSite) this.listeners.delete(siteId);
    };
  }

  isWatched(siteId: string): boolean {
    return this.listeners.has(siteId);
  }
}

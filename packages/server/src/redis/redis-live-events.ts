import type { ErratumEvent } from '@errata/core';
import { newId } from '../base/ids.ts';
import { InMemoryLiveEvents, type LiveEventListener, type LiveEvents } from '../domain/live-events.ts';
import type { RedisLink } from './redis-link.ts';

/**
 * Live events shared by several instances through Redis pub/sub: an event is delivered to
 * this instance's dashboards at once and published for the others, which deliver it to
 * theirs. While Redis is away, events still reach this instance's own dashboards; other
 * instances miss them (they are also in each erratum's history), and sharing resumes when
 * Redis is back.
 */
export class RedisLiveEvents implements LiveEvents {
  private readonly local: InMemoryLiveEvents;
  private readonly instance = newId();
  private readonly channel: string;

  constructor(
    private readonly link: RedisLink,
    /** Told when a listener throws or a message cannot be read. */
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    this.local = new InMemoryLiveEvents(onError);
    this.channel = `${link.prefix}live`;
    link.subscriber.subscribe(this.channel).catch(onError);
    link.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      try {
        const { from, event } = JSON.parse(message) as { from: string; event: ErratumEvent };
        if (from !== this.instance) this.local.publish(event);
      } catch (error) {
        onError(error);
      }
    });
  }

  publish(event: ErratumEvent): void {
    this.local.publish(event);
    if (!this.link.isUp()) return;
    this.link.commands
      .publish(this.channel, JSON.stringify({ from: this.instance, event }))
      .catch((error: unknown) => this.onError(error));
  }

  subscribe(siteId: string, listener: LiveEventListener): () => void {
    return this.local.subscribe(siteId, listener);
  }

  /** Another instance's dashboards may watch any site. */
  isWatched(): boolean {
    return true;
  }
}

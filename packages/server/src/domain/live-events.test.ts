import type { Erratum, ErratumEvent } from '@errata/core';
import { describe, expect, it } from 'vitest';
import { InMemoryLiveEvents, type NumberedEvent } from './live-events.ts';

function updated(site: string, id = 'e1'): ErratumEvent {
  const erratum = { id, site, status: 'open', reports: 1 } as Erratum;
  return { type: 'erratum.updated', erratum, cause: 'report', actorId: null };
}

describe('InMemoryLiveEvents', () => {
  it('should deliver an event only to subscribers of its site, numbered in order', () => {
    const bus = new InMemoryLiveEvents();
    const demo: NumberedEvent[] = [];
    const other: NumberedEvent[] = [];
    bus.subscribe('demo', (delivery) => demo.push(delivery));
    bus.subscribe('other', (delivery) => other.push(delivery));
    bus.publish(updated('demo', 'a'));
    bus.publish(updated('demo', 'b'));
    expect(demo.map((d) => [d.id, d.event.erratum.id])).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    expect(other).toEqual([]);
  });

  it('should stop delivering once unsubscribed, and forget the site', () => {
    const bus = new InMemoryLiveEvents();
    const seen: NumberedEvent[] = [];
    const unsubscribe = bus.subscribe('demo', (delivery) => seen.push(delivery));
    expect(bus.isWatched('demo')).toBe(true);
    unsubscribe();
    bus.publish(updated('demo'));
    expect(seen).toEqual([]);
    expect(bus.isWatched('demo')).toBe(false);
  });

  it('should deliver to the other listeners when one throws, and report the error', () => {
    const errors: unknown[] = [];
    const bus = new InMemoryLiveEvents((error) => errors.push(error));
    const seen: NumberedEvent[] = [];
    bus.subscribe('demo', () => {
      throw new Error('socket gone');
    });
    bus.subscribe('demo', (delivery) => seen.push(delivery));
    expect(() => bus.publish(updated('demo'))).not.toThrow();
    expect(seen).toHaveLength(1);
    expect(errors).toEqual([new Error('socket gone')]);
  });
});

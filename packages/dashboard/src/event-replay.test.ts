import type { Erratum, ErratumEvent } from '@errata/core';
import { describe, expect, it } from 'vitest';
import { EventReplay } from './event-replay.ts';

const event = (id: string): ErratumEvent => ({
  type: 'erratum.updated',
  erratum: { id } as Erratum,
  cause: 'report',
  actorId: null,
});

describe('EventReplay', () => {
  it('hands each recording the events since it started, and stops recording once taken', () => {
    const replay = new EventReplay();
    replay.record(event('before'));
    const first = replay.start();
    replay.record(event('a'));
    const second = replay.start();
    replay.record(event('b'));
    expect(first.take().map((e) => e.erratum.id)).toEqual(['a', 'b']);
    replay.record(event('c'));
    expect(second.take().map((e) => e.erratum.id)).toEqual(['b', 'c']);
    expect(first.take().map((e) => e.erratum.id)).toEqual(['a', 'b']);
  });
});

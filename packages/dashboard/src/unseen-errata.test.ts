import type { Erratum, ErratumEvent } from '@errata/core';
import { describe, expect, it } from 'vitest';
import { titleWithCount, unseenAfter } from './unseen-errata.ts';

function event(id: string, status: Erratum['status'], cause: ErratumEvent['cause'] = 'report'): ErratumEvent {
  const erratum = { id, site: 'demo', status, reports: 1 } as Erratum;
  return { type: 'erratum.updated', erratum, cause, actorId: null };
}

describe('unseenAfter', () => {
  it('counts each open erratum with new reports once', () => {
    let unseen: ReadonlySet<string> = new Set();
    for (const id of ['a', 'b', 'a']) unseen = unseenAfter(unseen, event(id, 'open'));
    expect([...unseen]).toEqual(['a', 'b']);
  });

  it('drops an erratum that someone closed meanwhile', () => {
    const unseen = unseenAfter(new Set(['a', 'b']), event('a', 'fixed', 'status'));
    expect([...unseen]).toEqual(['b']);
  });

  it('does not count a reopening or a report of a closed erratum', () => {
    const none: ReadonlySet<string> = new Set();
    expect(unseenAfter(none, event('a', 'open', 'status'))).toBe(none);
    expect(unseenAfter(none, event('a', 'rejected'))).toBe(none);
  });
});

describe('titleWithCount', () => {
  it('puts the count in front of the title, and nothing when there is none', () => {
    expect(titleWithCount('Open · The demo newsroom · Errata', 3)).toBe(
      '(3) Open · The demo newsroom · Errata',
    );
    expect(titleWithCount('Open · The demo newsroom · Errata', 0)).toBe('Open · The demo newsroom · Errata');
  });
});

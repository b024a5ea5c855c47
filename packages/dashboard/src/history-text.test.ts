import type { ErratumHistoryEvent } from '@errata/core';
import { describe, expect, it } from 'vitest';
import { actorOf, describeHistoryEvent, noteText } from './history-text.ts';

function event(
  type: string,
  data: Record<string, unknown>,
  actor: ErratumHistoryEvent['actor'] = null,
): ErratumHistoryEvent {
  return { id: 'ev1', type, actor, data, createdAt: '2025-03-12T10:00:00Z' };
}

describe('describeHistoryEvent', () => {
  it('names status changes as the tabs do', () => {
    expect(describeHistoryEvent(event('status_changed', { from: 'open', to: 'rejected' }))).toBe(
      'marked it as not a mistake (was open)',
    );
    expect(describeHistoryEvent(event('status_changed', { to: 'fixed' }))).toBe('marked it as fixed');
  });

  it('says why spam scoring held an erratum, and that an editor restored it', () => {
    const reasons = [
      '12 identical comments on 9 pages in 2 minutes.',
      'A link in the comment or suggestion.',
    ];
    expect(describeHistoryEvent(event('held_as_spam', { to: 'spam', score: 100, reasons }))).toBe(
      'held it as spam: 12 identical comments on 9 pages in 2 minutes. A link in the comment or suggestion.',
    );
    expect(describeHistoryEvent(event('status_changed', { from: 'spam', to: 'open' }))).toBe(
      'restored it from spam',
    );
  });

  it('names the assignee, or nobody', () => {
    expect(
      describeHistoryEvent(event('assigned', { assignee: { id: 'u1', email: 'ann@example.org' } })),
    ).toBe('assigned it to ann@example.org');
    expect(describeHistoryEvent(event('assigned', { assigneeId: null }))).toBe('assigned it to nobody');
  });

  it('says something for notes, checks and types it does not know', () => {
    expect(describeHistoryEvent(event('note', { text: 'Asked the author' }))).toBe('added a note');
    expect(describeHistoryEvent(event('checked', { state: 'still_there' }))).toBe(
      'checked the page: the mistake is still on the page',
    );
    expect(describeHistoryEvent(event('public_note', { from: null, to: 'Misspelt city.' }))).toBe(
      'set the public note',
    );
    expect(describeHistoryEvent(event('public_note', { from: 'Misspelt city.', to: null }))).toBe(
      'removed the public note',
    );
    expect(describeHistoryEvent(event('moved_to_archive', {}))).toBe('moved to archive');
  });
});

describe('actorOf and noteText', () => {
  it('names the editor, or Errata for the system', () => {
    expect(actorOf(event('note', {}, { id: 'u1', email: 'ann@example.org' }))).toBe('ann@example.org');
    expect(actorOf(event('checked', {}))).toBe('Errata');
  });

  it("reads a note's text only from a note", () => {
    expect(noteText(event('note', { text: 'Asked the author' }))).toBe('Asked the author');
    expect(noteText(event('assigned', { text: 'x' }))).toBeNull();
  });
});

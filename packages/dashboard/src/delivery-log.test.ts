import type { DeliveryLogEntry } from '@errata/core';
import { describe, expect, it } from 'vitest';
import { canRetry, eventText, lastAnswerText, nextTryText, replaceEntry } from './delivery-log.ts';

const now = new Date('2026-01-01T12:00:00Z');

function entry(overrides: Partial<DeliveryLogEntry> = {}): DeliveryLogEntry {
  return {
    id: 'd1',
    eventId: 'e1',
    eventType: 'erratum.created',
    erratumId: 'x1',
    channel: 'webhook',
    targetId: 'w1',
    target: 'hooks.example.org',
    status: 'pending',
    attempts: 2,
    lastAttemptAt: '2026-01-01T11:59:00Z',
    lastStatusCode: 500,
    lastError: 'The receiver answered HTTP 500.',
    nextAttemptAt: '2026-01-01T12:04:00Z',
    deliveredAt: null,
    createdAt: '2026-01-01T11:58:00Z',
    ...overrides,
  };
}

describe('the delivery log', () => {
  it('says when the next try comes in seconds, minutes or hours', () => {
    expect(nextTryText('2026-01-01T12:04:00Z', now)).toBe('in 4 min');
    expect(nextTryText('2026-01-01T14:00:00Z', now)).toBe('in 2 h');
    expect(nextTryText('2026-01-01T12:00:10Z', now)).toBe('in 10 s');
    expect(nextTryText('2026-01-01T11:59:00Z', now)).toBe('now');
  });

  it("shows the last attempt's error, or OK with the code", () => {
    expect(lastAnswerText(entry())).toBe('The receiver answered HTTP 500.');
    expect(lastAnswerText(entry({ lastError: null, lastStatusCode: 204 }))).toBe('OK (204)');
    expect(lastAnswerText(entry({ attempts: 0, lastError: null, lastStatusCode: null }))).toBe(
      'Not tried yet',
    );
  });

  it('names events in words, and unknown ones by their type', () => {
    expect(eventText(entry())).toBe('New erratum');
    expect(eventText(entry({ eventType: 'erratum.moved' }))).toBe('erratum.moved');
  });

  it('offers Retry for anything not delivered, and replaces the retried line in place', () => {
    expect(canRetry(entry({ status: 'dead' }))).toBe(true);
    expect(canRetry(entry({ status: 'delivered' }))).toBe(false);
    const log = [entry({ id: 'a' }), entry({ id: 'b', status: 'dead' })];
    const retried = entry({ id: 'b', status: 'pending', nextAttemptAt: '2026-01-01T12:00:00Z' });
    expect(replaceEntry(log, retried).map((e) => [e.id, e.status])).toEqual([
      ['a', 'pending'],
      ['b', 'pending'],
    ]);
  });
});

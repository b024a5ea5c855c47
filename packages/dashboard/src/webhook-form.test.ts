import { describe, expect, it } from 'vitest';
import { filterText, toggleEvent, webhookUrlProblem } from './webhook-form.ts';

describe('the add-webhook form', () => {
  it('switches event types on and off, keeping the list order', () => {
    const on = toggleEvent(toggleEvent([], 'erratum.verified'), 'erratum.created');
    expect(on).toEqual(['erratum.created', 'erratum.verified']);
    expect(toggleEvent(on, 'erratum.created')).toEqual(['erratum.verified']);
  });

  it('describes an empty filter as all events', () => {
    expect(filterText([])).toBe('All events');
    expect(filterText(['erratum.created', 'erratum.verified'])).toBe('New erratum, Fix verified');
  });

  it('accepts http(s) addresses only, with a sentence saying why not', () => {
    expect(webhookUrlProblem('https://hooks.example.org/T000/B000/xyz')).toBeNull();
    expect(webhookUrlProblem('')).toBe('Enter the address to send events to.');
    expect(webhookUrlProblem('hooks.example.org/x')).toBe('Enter the whole address, starting with https://');
    expect(webhookUrlProblem('ftp://example.org/x')).toBe('The address must start with https:// or http://');
  });
});

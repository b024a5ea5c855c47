import type { Erratum, ErratumEvent, ErratumStatus } from '@errata/core';
import { describe, expect, it } from 'vitest';
import { anErratum } from './erratum-fixture.ts';
import { NO_FILTER } from './inbox-location.ts';
import { applyLiveEvent, departureNote, isOlder, replayOver } from './live-list.ts';

function erratum(id: string, changes: Partial<Erratum> = {}): Erratum {
  return anErratum({
    id,
    site: 'demo',
    url: 'https://news.example/a',
    title: null,
    lang: null,
    quote: { exact: 'teh', prefix: '', suffix: '' },
    position: { start: 0, end: 3 },
    status: 'open',
    reports: 1,
    suggestions: [],
    comments: [],
    firstReportedAt: '2025-03-12T10:00:00Z',
    lastReportedAt: '2025-03-12T10:00:00Z',
    statusChangedAt: null,
    ...changes,
  });
}

function reported(changed: Erratum): ErratumEvent {
  return { type: 'erratum.updated', erratum: changed, cause: 'report', actorId: null };
}

function statusChanged(
  id: string,
  status: ErratumStatus,
  actorId: string | null,
  at = '2025-03-12T11:00:00Z',
) {
  const changed = erratum(id, { status, statusChangedAt: at });
  return { type: 'erratum.updated', erratum: changed, cause: 'status', actorId } satisfies ErratumEvent;
}

const openTab = { site: 'demo', tab: 'open', userId: 'me' } as const;
const ids = (list: Erratum[]) => list.map((e) => e.id);

describe('applyLiveEvent', () => {
  it('adds a new erratum of the tab to the list', () => {
    const change = applyLiveEvent([erratum('1')], reported(erratum('2')), openTab);
    expect(ids(change.errata)).toEqual(['2', '1']);
    expect(change.departed).toBeNull();
  });

  it('updates the report count of an erratum shown, in its place', () => {
    const shown = [erratum('1'), erratum('2'), erratum('3')];
    const change = applyLiveEvent(shown, reported(erratum('2', { reports: 4 })), openTab);
    expect(ids(change.errata)).toEqual(['1', '2', '3']);
    expect(change.errata[1]?.reports).toBe(4);
    expect(shown[1]?.reports).toBe(1);
  });

  it('takes out an erratum another editor moved to another status, with a note', () => {
    const change = applyLiveEvent(
      [erratum('1'), erratum('2')],
      statusChanged('2', 'fixed', 'colleague'),
      openTab,
    );
    expect(ids(change.errata)).toEqual(['1']);
    expect(change.departed?.status).toBe('fixed');
  });

  it('takes out an erratum the editor moved elsewhere (another browser tab) without a note', () => {
    const change = applyLiveEvent([erratum('1')], statusChanged('1', 'spam', 'me'), openTab);
    expect(change.errata).toEqual([]);
    expect(change.departed).toBeNull();
  });

  it('brings back an erratum reopened by another editor to the Open tab', () => {
    const change = applyLiveEvent([], statusChanged('1', 'open', 'colleague'), openTab);
    expect(ids(change.errata)).toEqual(['1']);
    expect(change.departed).toBeNull();
  });

  it('files a verified erratum under the Fixed tab', () => {
    const fixedTab = { ...openTab, tab: 'fixed' } as const;
    const change = applyLiveEvent([], statusChanged('1', 'verified', null), fixedTab);
    expect(ids(change.errata)).toEqual(['1']);
  });

  it('leaves the list as it is for an erratum of another tab or another site', () => {
    const shown = [erratum('1')];
    expect(applyLiveEvent(shown, statusChanged('9', 'fixed', 'colleague'), openTab).errata).toBe(shown);
    const elsewhere = reported(erratum('8', { site: 'other' }));
    expect(applyLiveEvent(shown, elsewhere, openTab).errata).toBe(shown);
  });

  it('ignores an event older than the copy shown', () => {
    const shown = [erratum('1', { reports: 3 })];
    expect(applyLiveEvent(shown, reported(erratum('1', { reports: 2 })), openTab).errata).toBe(shown);
    const reopened = [erratum('1', { statusChangedAt: '2025-03-12T12:00:00Z' })];
    const stale = statusChanged('1', 'fixed', 'colleague', '2025-03-12T11:00:00Z');
    expect(applyLiveEvent(reopened, stale, openTab).errata).toBe(reopened);
  });
});

describe('applyLiveEvent under a filter', () => {
  const ann = { id: 'u-ann', email: 'ann@example.org' };
  const assigned = (changed: Erratum): ErratumEvent => ({
    type: 'erratum.updated',
    erratum: changed,
    cause: 'assign',
    actorId: 'colleague',
  });

  it('takes out an erratum that no longer matches, and leaves out a newcomer that does not', () => {
    const mine = { ...openTab, filter: { ...NO_FILTER, assignee: 'me' } };
    const shown = [erratum('1', { assignee: { id: 'me', email: 'me@example.org' } })];
    expect(ids(applyLiveEvent(shown, assigned(erratum('1', { assignee: ann })), mine).errata)).toEqual([]);
    expect(applyLiveEvent(shown, reported(erratum('2')), mine).errata).toBe(shown);
    const factual = { ...openTab, filter: { ...NO_FILTER, kind: 'factual' as const } };
    expect(ids(applyLiveEvent([], reported(erratum('3', { kind: 'factual' })), factual).errata)).toEqual([
      '3',
    ]);
  });

  it("keeps a searched erratum that is listed, trusting the server's match; checks a newcomer", () => {
    const searched = { ...openTab, filter: { ...NO_FILTER, q: 'lisbon' } };
    const shown = [erratum('1')];
    const update = reported(erratum('1', { reports: 2 }));
    expect(applyLiveEvent(shown, update, searched).errata[0]?.reports).toBe(2);
    expect(applyLiveEvent(shown, reported(erratum('2')), searched).errata).toBe(shown);
    const found = erratum('3', { suggestions: [{ text: 'Lisbon', count: 1 }] });
    expect(ids(applyLiveEvent(shown, reported(found), searched).errata)).toEqual(['3', '1']);
  });
});

describe('isOlder', () => {
  it('says a copy with fewer reports or an earlier status change is older', () => {
    expect(isOlder(erratum('1', { reports: 1 }), erratum('1', { reports: 2 }))).toBe(true);
    expect(isOlder(erratum('1'), erratum('1', { statusChangedAt: '2025-03-12T11:00:00Z' }))).toBe(true);
    expect(isOlder(erratum('1', { reports: 2 }), erratum('1', { reports: 2 }))).toBe(false);
  });
});

describe('replayOver', () => {
  it('applies the events that came while a page was on its way, in order', () => {
    const page = [erratum('1'), erratum('2')];
    const events = [reported(erratum('3')), statusChanged('1', 'fixed', 'colleague')];
    expect(ids(replayOver(page, events, openTab))).toEqual(['3', '2']);
  });
});

describe('departureNote', () => {
  it('says what the other editor did', () => {
    expect(departureNote(erratum('1', { status: 'fixed' }))).toBe('Marked as fixed by another editor');
    expect(departureNote(erratum('1', { status: 'rejected' }))).toBe(
      'Marked as not a mistake by another editor',
    );
    expect(departureNote(erratum('1', { status: 'open' }))).toBe('Reopened by another editor');
  });
});

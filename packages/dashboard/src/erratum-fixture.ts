import type { Erratum } from '@errata/core';

/** An open erratum of one report for unit tests, with the fields a test cares about changed. */
export function anErratum(changes: Partial<Erratum> = {}): Erratum {
  return {
    id: 'e1',
    site: 'demo',
    url: 'https://news.example/a',
    title: null,
    lang: 'en',
    quote: { exact: 'teh', prefix: 'in ', suffix: ' end' },
    position: { start: 3, end: 6 },
    status: 'open',
    reports: 1,
    suggestions: [],
    comments: [],
    firstReportedAt: '2025-03-12T10:00:00Z',
    lastReportedAt: '2025-03-12T10:00:00Z',
    statusChangedAt: null,
    kind: 'typo',
    desk: null,
    assignee: null,
    source: 'reader',
    finding: null,
    proposedFrom: null,
    spamReasons: null,
    check: { state: 'unchecked', checkedAt: null, reason: null, replacedBy: null },
    ...changes,
  };
}

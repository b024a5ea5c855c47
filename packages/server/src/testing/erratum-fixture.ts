import type { Erratum } from '@errata/core';

/**
 * An erratum as the editors' API gives it: three readers reported "Roterdam" on the harbour
 * bridge article, two suggesting "Rotterdam"; open and not rechecked yet. `changes` sets the
 * fields a test is about.
 */
export function roterdamErratum(changes: Partial<Erratum> = {}): Erratum {
  return {
    id: '01JTESTERRATUM0000000000001',
    site: 'demo',
    url: 'https://news.example.org/harbour-bridge',
    title: 'Old Harbour swing bridge',
    lang: 'en',
    quote: { exact: 'Roterdam', prefix: 'engineers from ', suffix: ' will inspect the' },
    position: { start: 120, end: 128 },
    status: 'open',
    reports: 3,
    suggestions: [
      { text: 'Rotterdam', count: 2 },
      { text: 'Rottérdam', count: 1 },
    ],
    comments: ['Double t.'],
    firstReportedAt: '2025-05-01T09:00:00.000Z',
    lastReportedAt: '2025-05-02T10:30:00.000Z',
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

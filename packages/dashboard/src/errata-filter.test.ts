import { describe, expect, it } from 'vitest';
import { dayEnd, dayStart, errataQuery, matchesFilter, sortErrata } from './errata-filter.ts';
import { anErratum } from './erratum-fixture.ts';
import { NO_FILTER } from './inbox-location.ts';

const ann = { id: 'u-ann', email: 'ann@example.org' };

describe('matchesFilter', () => {
  const matches = (changes: Parameters<typeof anErratum>[0], filter: Partial<typeof NO_FILTER>) =>
    matchesFilter(anErratum(changes), 'open', { ...NO_FILTER, ...filter }, 'u-me');

  it("keeps an erratum to its status's tab", () => {
    expect(matches({ status: 'open' }, {})).toBe(true);
    expect(matches({ status: 'spam' }, {})).toBe(false);
    expect(matchesFilter(anErratum({ status: 'verified' }), 'fixed', NO_FILTER, 'u-me')).toBe(true);
  });

  it('narrows by kind, desk and suggestion', () => {
    expect(matches({ kind: 'factual' }, { kind: 'factual' })).toBe(true);
    expect(matches({ kind: 'typo' }, { kind: 'factual' })).toBe(false);
    expect(matches({ desk: 'Standards' }, { desk: 'Standards' })).toBe(true);
    expect(matches({ desk: null }, { desk: 'Standards' })).toBe(false);
    expect(matches({ suggestions: [{ text: 'the', count: 1 }] }, { hasSuggestion: true })).toBe(true);
    expect(matches({ suggestions: [] }, { hasSuggestion: true })).toBe(false);
    expect(matches({ suggestions: [] }, { hasSuggestion: false })).toBe(true);
  });

  it('narrows by who found it', () => {
    expect(matches({ source: 'proofreader' }, { source: 'proofreader' })).toBe(true);
    expect(matches({ source: 'reader' }, { source: 'proofreader' })).toBe(false);
  });

  it('reads "me" as the signed-in editor and "none" as unassigned', () => {
    expect(matches({ assignee: { id: 'u-me', email: 'me@example.org' } }, { assignee: 'me' })).toBe(true);
    expect(matches({ assignee: ann }, { assignee: 'me' })).toBe(false);
    expect(matches({ assignee: null }, { assignee: 'none' })).toBe(true);
    expect(matches({ assignee: ann }, { assignee: 'none' })).toBe(false);
    expect(matches({ assignee: ann }, { assignee: 'u-ann' })).toBe(true);
  });

  it('keeps the latest report within the days, both ends included', () => {
    const at = new Date(2025, 2, 12, 23, 30).toISOString(); // local time, as the days are
    expect(matches({ lastReportedAt: at }, { from: '2025-03-12', to: '2025-03-12' })).toBe(true);
    expect(matches({ lastReportedAt: at }, { from: '2025-03-13' })).toBe(false);
    expect(matches({ lastReportedAt: at }, { to: '2025-03-11' })).toBe(false);
  });

  it('finds the search in the quote, a suggestion or a comment, in any case and spacing', () => {
    const erratum = {
      quote: { exact: 'Lisbno', prefix: '', suffix: '' },
      comments: ['Capital of\nPortugal'],
    };
    expect(matches(erratum, { q: 'lisbno' })).toBe(true);
    expect(matches(erratum, { q: ' of  portugal' })).toBe(true);
    expect(matches({ ...erratum, suggestions: [{ text: 'Lisbon', count: 2 }] }, { q: 'LISBON' })).toBe(true);
    expect(matches(erratum, { q: 'madrid' })).toBe(false);
  });
});

describe('errataQuery', () => {
  it('sends only the filters that are set, days as instants of the local day', () => {
    expect(errataQuery('open', NO_FILTER)).toEqual([
      ['status', 'open'],
      ['sort', 'priority'],
    ]);
    const query = errataQuery('rejected', {
      ...NO_FILTER,
      kind: 'link',
      assignee: 'none',
      hasSuggestion: false,
      from: '2025-03-01',
      to: '2025-03-02',
      q: '  teh ',
      sort: 'oldest',
    });
    expect(query).toEqual([
      ['status', 'rejected'],
      ['sort', 'oldest'],
      ['kind', 'link'],
      ['assignee', 'none'],
      ['hasSuggestion', 'false'],
      ['from', dayStart('2025-03-01')],
      ['to', dayEnd('2025-03-02')],
      ['q', 'teh'],
    ]);
    const { from, to } = Object.fromEntries(query);
    expect(Date.parse(to!) - Date.parse(from!)).toBeGreaterThan(47 * 3600_000);
  });

  it('asks for the verified errata with the fixed ones, as the Fixed tab lists them', () => {
    expect(errataQuery('fixed', NO_FILTER).filter(([name]) => name === 'status')).toEqual([
      ['status', 'fixed'],
      ['status', 'verified'],
    ]);
  });
});

describe('sortErrata', () => {
  const older = anErratum({
    id: 'older-many',
    reports: 20,
    lastReportedAt: '2025-03-07T10:00:00Z',
    firstReportedAt: '2025-03-01T00:00:00Z',
  });
  const newer = anErratum({
    id: 'newer-one',
    reports: 1,
    lastReportedAt: '2025-03-12T10:00:00Z',
    firstReportedAt: '2025-03-12T10:00:00Z',
  });
  const hour = anErratum({
    id: 'hour-ago-two',
    reports: 2,
    lastReportedAt: '2025-03-12T09:00:00Z',
    firstReportedAt: '2025-03-05T00:00:00Z',
  });
  const ids = (sort: Parameters<typeof sortErrata>[1]) =>
    sortErrata([older, newer, hour], sort).map((e) => e.id);

  it('weighs reports against recency by default: twice the reports beat an hour of age, twenty do not beat five days', () => {
    expect(ids('priority')).toEqual(['hour-ago-two', 'newer-one', 'older-many']);
  });

  it('orders by latest report, first report or report count', () => {
    expect(ids('newest')).toEqual(['newer-one', 'hour-ago-two', 'older-many']);
    expect(ids('oldest')).toEqual(['older-many', 'hour-ago-two', 'newer-one']);
    expect(ids('reports')).toEqual(['older-many', 'hour-ago-two', 'newer-one']);
  });
});

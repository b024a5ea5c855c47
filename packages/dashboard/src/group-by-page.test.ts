import type { Erratum } from '@errata/core';
import { describe, expect, it } from 'vitest';
import { anErratum } from './erratum-fixture.ts';
import { groupByPage } from './group-by-page.ts';

function erratum(id: string, url: string, lastReportedAt: string, title: string | null = null): Erratum {
  return anErratum({
    id,
    site: 'site-1',
    url,
    title,
    lang: 'en',
    quote: { exact: 'Lisbno', prefix: 'in ', suffix: ' today' },
    position: { start: 3, end: 9 },
    status: 'open',
    reports: 1,
    suggestions: [],
    comments: [],
    firstReportedAt: lastReportedAt,
    lastReportedAt,
    statusChangedAt: null,
  });
}

const A = 'https://news.example/a';
const B = 'https://news.example/b';

describe('groupByPage', () => {
  it('puts errata of the same page under one group', () => {
    const groups = groupByPage([
      erratum('1', A, '2025-03-12T10:00:00Z'),
      erratum('2', B, '2025-03-12T09:00:00Z'),
      erratum('3', A, '2025-03-12T08:00:00Z'),
    ]);
    expect(groups.map((group) => [group.url, group.errata.map((e) => e.id)])).toEqual([
      [A, ['1', '3']],
      [B, ['2']],
    ]);
  });

  it("orders pages by their newest erratum's last report, whatever the input order", () => {
    const groups = groupByPage([
      erratum('old-a', A, '2025-03-10T10:00:00Z'),
      erratum('b', B, '2025-03-11T10:00:00Z'),
      erratum('new-a', A, '2025-03-12T10:00:00Z'),
    ]);
    expect(groups.map((group) => group.url)).toEqual([A, B]);
    expect(groups[0]?.errata.map((e) => e.id)).toEqual(['new-a', 'old-a']);
  });

  it('compares times as instants, not as strings', () => {
    const groups = groupByPage([
      erratum('utc', A, '2025-03-12T09:30:00Z'),
      // 10:00 at +02:00 is 08:00 UTC: older, though its string sorts later.
      erratum('offset', B, '2025-03-12T10:00:00+02:00'),
    ]);
    expect(groups.map((group) => group.url)).toEqual([A, B]);
  });

  it("takes the page's title from its newest erratum that has one", () => {
    const groups = groupByPage([
      erratum('1', A, '2025-03-12T08:00:00Z', 'Old headline'),
      erratum('2', A, '2025-03-12T10:00:00Z', null),
      erratum('3', A, '2025-03-12T09:00:00Z', 'New headline'),
    ]);
    expect(groups[0]?.title).toBe('New headline');
  });

  it('keeps the title null when no erratum of the page has one', () => {
    expect(groupByPage([erratum('1', A, '2025-03-12T08:00:00Z')])[0]?.title).toBeNull();
  });

  it('returns no group for no errata and leaves the input unsorted', () => {
    expect(groupByPage([])).toEqual([]);
    const input = [erratum('old', A, '2025-03-10T00:00:00Z'), erratum('new', A, '2025-03-12T00:00:00Z')];
    groupByPage(input);
    expect(input.map((e) => e.id)).toEqual(['old', 'new']);
  });
});

import type { Erratum } from '@errata/core';
import { describe, expect, it } from 'vitest';
import { appendPage, neighbourOf, withErratum, withoutErratum } from './errata-list.ts';
import { anErratum } from './erratum-fixture.ts';

function erratum(id: string, reports = 1): Erratum {
  return anErratum({
    id,
    site: 'site-1',
    url: 'https://news.example/a',
    title: null,
    lang: null,
    quote: { exact: 'teh', prefix: '', suffix: '' },
    position: { start: 0, end: 3 },
    status: 'open',
    reports,
    suggestions: [],
    comments: [],
    firstReportedAt: '2025-03-12T10:00:00Z',
    lastReportedAt: '2025-03-12T10:00:00Z',
    statusChangedAt: null,
  });
}

const ids = (list: Erratum[]) => list.map((e) => e.id);

describe('appendPage', () => {
  it('adds the next page after the errata shown', () => {
    expect(ids(appendPage([erratum('1'), erratum('2')], [erratum('3')]))).toEqual(['1', '2', '3']);
  });

  it('skips an erratum that is already shown, keeping the copy shown', () => {
    const list = appendPage([erratum('1', 5)], [erratum('1', 6), erratum('2')]);
    expect(ids(list)).toEqual(['1', '2']);
    expect(list[0]?.reports).toBe(5);
  });
});

describe('withoutErratum and withErratum', () => {
  it('takes a card off the list and puts it back', () => {
    const shown = [erratum('1'), erratum('2'), erratum('3')];
    const after = withoutErratum(shown, '2');
    expect(ids(after)).toEqual(['1', '3']);
    expect(ids(withErratum(after, erratum('2')))).toContain('2');
    expect(ids(shown)).toEqual(['1', '2', '3']);
  });

  it('never shows an erratum twice when it is put back', () => {
    expect(ids(withErratum([erratum('1')], erratum('1')))).toEqual(['1']);
  });
});

describe('neighbourOf', () => {
  it('gives the next card, else the previous one, else null', () => {
    expect(neighbourOf(['a', 'b', 'c'], 'b')).toBe('c');
    expect(neighbourOf(['a', 'b', 'c'], 'c')).toBe('b');
    expect(neighbourOf(['a'], 'a')).toBeNull();
  });

  it('gives null for a card that is not in the list', () => {
    expect(neighbourOf(['a', 'b'], 'z')).toBeNull();
  });
});

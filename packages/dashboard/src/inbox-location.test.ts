import { describe, expect, it } from 'vitest';
import {
  choicesInUse,
  chooseSite,
  inboxSearch,
  isFiltered,
  listKeyOf,
  NO_FILTER,
  readInboxLocation,
} from './inbox-location.ts';

describe('readInboxLocation', () => {
  it('reads the site and the tab from the query string', () => {
    expect(readInboxLocation('?site=s2&status=spam')).toEqual({
      ...NO_FILTER,
      site: 's2',
      status: 'spam',
      open: null,
    });
  });

  it('opens the open tab when the status is missing, unknown or has no tab', () => {
    expect(readInboxLocation('')).toEqual({ ...NO_FILTER, site: null, status: 'open', open: null });
    expect(readInboxLocation('?status=deleted').status).toBe('open');
    expect(readInboxLocation('?status=verified').status).toBe('open');
  });
});

describe('inboxSearch', () => {
  it('writes the site and a non-default tab', () => {
    expect(inboxSearch({ site: 's 1', status: 'rejected' })).toBe('?site=s+1&status=rejected');
  });

  it('leaves out the default tab and an unknown site', () => {
    expect(inboxSearch({ site: 's1', status: 'open' })).toBe('?site=s1');
    expect(inboxSearch({ site: null, status: 'open' })).toBe('');
  });

  it('round-trips through readInboxLocation', () => {
    const place = { ...NO_FILTER, site: 'news&more', status: 'fixed' as const, open: null };
    expect(readInboxLocation(inboxSearch(place))).toEqual(place);
  });

  it('round-trips every filter, the order and the open detail', () => {
    const place = {
      site: 's1',
      status: 'open' as const,
      kind: 'factual' as const,
      desk: 'Standards & practices',
      assignee: 'me',
      hasSuggestion: false,
      source: 'proofreader' as const,
      from: '2025-03-01',
      to: '2025-03-31',
      q: 'Lisbon harbour',
      sort: 'reports' as const,
      open: 'e-42',
    };
    expect(readInboxLocation(inboxSearch(place))).toEqual(place);
  });
});

describe('reading filters from an address typed by hand', () => {
  it('drops unknown kinds, orders and malformed days', () => {
    const place = readInboxLocation('?kind=rumour&sort=random&from=yesterday&to=2025-13-45&suggestion=maybe');
    expect(place).toMatchObject({ kind: null, sort: 'priority', from: null, to: null, hasSuggestion: null });
  });
});

describe('the source filter in the address', () => {
  it('keeps the proofreader and the readers, and drops the old page checker', () => {
    expect(readInboxLocation('?source=proofreader').source).toBe('proofreader');
    expect(readInboxLocation('?source=reader').source).toBe('reader');
    expect(readInboxLocation('?source=checker').source).toBeNull();
  });

  it('writes source=proofreader and counts it as a filter', () => {
    expect(inboxSearch({ site: 'demo', source: 'proofreader' })).toBe('?site=demo&source=proofreader');
    expect(choicesInUse({ ...NO_FILTER, source: 'proofreader' })).toBe(1);
  });
});

describe('isFiltered', () => {
  it('is false for no filter, whatever the order, and for a blank search', () => {
    expect(isFiltered(NO_FILTER)).toBe(false);
    expect(isFiltered({ ...NO_FILTER, sort: 'oldest', q: '   ' })).toBe(false);
  });

  it('is true as soon as one filter narrows the list', () => {
    expect(isFiltered({ ...NO_FILTER, kind: 'link' })).toBe(true);
    expect(isFiltered({ ...NO_FILTER, hasSuggestion: false })).toBe(true);
    expect(isFiltered({ ...NO_FILTER, q: 'teh' })).toBe(true);
  });
});

describe('choicesInUse', () => {
  it('counts the narrowing choices, not the search or the order', () => {
    expect(choicesInUse({ ...NO_FILTER, q: 'teh', sort: 'oldest' })).toBe(0);
    expect(choicesInUse({ ...NO_FILTER, kind: 'link', hasSuggestion: false, from: '2026-01-01' })).toBe(3);
  });
});

describe('listKeyOf', () => {
  it('changes with the filter but not with spaces around the search', () => {
    const key = listKeyOf('s1', 'open', { ...NO_FILTER, q: 'teh' });
    expect(listKeyOf('s1', 'open', { ...NO_FILTER, q: ' teh ' })).toBe(key);
    expect(listKeyOf('s1', 'open', { ...NO_FILTER, q: 'teh', sort: 'newest' })).not.toBe(key);
    expect(listKeyOf('s1', 'fixed', { ...NO_FILTER, q: 'teh' })).not.toBe(key);
  });
});

describe('chooseSite', () => {
  const sites = [{ id: 'a' }, { id: 'b' }];

  it('takes the first wanted site the editor is a member of', () => {
    expect(chooseSite(sites, ['b', 'a'])).toBe('b');
    expect(chooseSite(sites, ['gone', 'a'])).toBe('a');
    expect(chooseSite(sites, [null, 'b'])).toBe('b');
  });

  it("falls back to the editor's first site, or null with none", () => {
    expect(chooseSite(sites, ['other-editors-site', null])).toBe('a');
    expect(chooseSite([], ['a'])).toBeNull();
  });
});

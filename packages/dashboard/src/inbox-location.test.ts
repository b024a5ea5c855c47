import { describe, expect, it } from 'vitest';
import { chooseSite, inboxSearch, readInboxLocation } from './inbox-location.ts';

describe('readInboxLocation', () => {
  it('reads the site and the tab from the query string', () => {
    expect(readInboxLocation('?site=s2&status=spam')).toEqual({ site: 's2', status: 'spam' });
  });

  it('opens the open tab when the status is missing, unknown or has no tab', () => {
    expect(readInboxLocation('')).toEqual({ site: null, status: 'open' });
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
    const place = { site: 'news&more', status: 'fixed' as const };
    expect(readInboxLocation(inboxSearch(place))).toEqual(place);
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

import { describe, expect, it } from 'vitest';
import { STATUS_TABS, tabOf, triageActions } from './status-tabs.ts';

describe('STATUS_TABS', () => {
  it('lists Open first, then Fixed, Not a mistake and Spam', () => {
    expect(STATUS_TABS.map((tab) => [tab.label, tab.status])).toEqual([
      ['Open', 'open'],
      ['Fixed', 'fixed'],
      ['Not a mistake', 'rejected'],
      ['Spam', 'spam'],
    ]);
  });
});

describe('tabOf', () => {
  it('files a verified erratum under Fixed', () => {
    expect(tabOf('verified').label).toBe('Fixed');
    expect(tabOf('rejected').label).toBe('Not a mistake');
  });
});

describe('triageActions', () => {
  it('offers Fixed, Not a mistake and Spam for an open erratum', () => {
    expect(
      triageActions({ status: 'open', spamReasons: null }).map((action) => [action.label, action.status]),
    ).toEqual([
      ['Fixed', 'fixed'],
      ['Not a mistake', 'rejected'],
      ['Spam', 'spam'],
    ]);
  });

  it('offers only Reopen for every other status', () => {
    for (const status of ['fixed', 'verified', 'rejected', 'spam'] as const) {
      expect(
        triageActions({ status, spamReasons: null }).map((action) => [action.label, action.status]),
      ).toEqual([['Reopen', 'open']]);
    }
  });

  it('offers Restore for an erratum spam scoring held, and Reopen once an editor marks it spam', () => {
    const held = { status: 'spam' as const, spamReasons: ['A link in the comment or suggestion.'] };
    expect(triageActions(held).map((action) => [action.label, action.status])).toEqual([['Restore', 'open']]);
    // The reasons are cleared when it leaves the Spam view: an editor's spam is a decision, reopened as any other.
    expect(triageActions({ status: 'spam', spamReasons: null }).map((action) => action.label)).toEqual([
      'Reopen',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { ErrataError } from './errors.ts';
import { decodeInboxCursor, encodeInboxCursor, inboxFilterOf } from './inbox-query.ts';

const editor = { kind: 'user' as const, userId: 'u1' };

describe('inboxFilterOf', () => {
  it('should take a date alone as its whole day and a time as given', () => {
    expect(inboxFilterOf({ site: 's', from: '2026-03-01', to: '2026-03-01' }, editor)).toMatchObject({
      from: '2026-03-01T00:00:00.000Z',
      before: '2026-03-02T00:00:00.000Z',
    });
    expect(inboxFilterOf({ site: 's', to: '2026-03-01T10:00:00+01:00' }, editor).before).toBe(
      '2026-03-01T09:00:00.001Z',
    );
  });

  it('should make `me` the signed-in editor and a search normalised words', () => {
    expect(inboxFilterOf({ site: 's', assignee: 'me', q: '  50%_OFF ' }, editor)).toMatchObject({
      assignee: { userId: 'u1' },
      search: '50%_off',
    });
    expect(inboxFilterOf({ site: 's', q: '   ' }, editor).search).toBeUndefined();
  });
});

describe('inbox cursors', () => {
  it('should give back the position it was made from', () => {
    const cursor = encodeInboxCursor('priority', { key: 20_418.123456789, id: 'abc' });
    expect(decodeInboxCursor('priority', cursor)).toEqual({ key: 20_418.123456789, id: 'abc' });
  });

  it('should refuse a cursor it did not make, or one whose key has the wrong type', () => {
    for (const cursor of ['nonsense', Buffer.from('["priority","x","id"]').toString('base64url')]) {
      expect(() => decodeInboxCursor('priority', cursor)).toThrow(ErrataError);
    }
  });
});

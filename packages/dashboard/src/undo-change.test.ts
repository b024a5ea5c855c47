import { describe, expect, it } from 'vitest';
import { anErratum } from './erratum-fixture.ts';
import { changesDone, inverseOf, undoRequests } from './undo-change.ts';

const ann = { id: 'u-ann', email: 'ann@example.org' };

describe('inverseOf', () => {
  it('puts back the status an erratum had', () => {
    expect(inverseOf(anErratum({ status: 'open' }), { status: 'spam' })).toEqual({ status: 'open' });
    expect(inverseOf(anErratum({ status: 'rejected' }), { status: 'open' })).toEqual({ status: 'rejected' });
  });

  it('puts back the assignee, or none', () => {
    expect(inverseOf(anErratum({ assignee: ann }), { assigneeId: 'u-bob' })).toEqual({ assigneeId: 'u-ann' });
    expect(inverseOf(anErratum({ assignee: null }), { assigneeId: 'u-bob' })).toEqual({ assigneeId: null });
    expect(inverseOf(anErratum({ assignee: ann }), { assigneeId: null })).toEqual({ assigneeId: 'u-ann' });
  });

  it('has nothing to undo when the change changed nothing', () => {
    expect(inverseOf(anErratum({ status: 'fixed' }), { status: 'fixed' })).toBeNull();
    expect(inverseOf(anErratum({ assignee: ann }), { assigneeId: 'u-ann' })).toBeNull();
  });

  it('cannot take back a verified erratum, which only a check of the page decides', () => {
    expect(inverseOf(anErratum({ status: 'verified' }), { status: 'open' })).toBeNull();
  });
});

describe('undoRequests', () => {
  it('groups the errata that go back to the same state into one request', () => {
    const done = changesDone(
      [
        anErratum({ id: 'a', status: 'open' }),
        anErratum({ id: 'b', status: 'rejected' }),
        anErratum({ id: 'c', status: 'open' }),
        anErratum({ id: 'd', status: 'fixed' }),
      ],
      { status: 'fixed' },
    );
    expect(undoRequests(done)).toEqual([
      { ids: ['a', 'c'], change: { status: 'open' } },
      { ids: ['b'], change: { status: 'rejected' } },
    ]);
  });

  it('tells unassigning from leaving the assignee as it is', () => {
    const done = changesDone(
      [anErratum({ id: 'a', assignee: null }), anErratum({ id: 'b', assignee: ann })],
      { assigneeId: 'u-bob' },
    );
    expect(undoRequests(done)).toEqual([
      { ids: ['a'], change: { assigneeId: null } },
      { ids: ['b'], change: { assigneeId: 'u-ann' } },
    ]);
  });
});

import type { Erratum, ErratumPatch } from '@errata/core';

/** What an action did to one erratum: the change and what it had before. */
export interface ChangeDone {
  id: string;
  /** The patch that puts it back. */
  before: ErratumPatch;
}

/** The patch that undoes `change` on `erratum` as it was before; null when it cannot be undone. */
export function inverseOf(erratum: Erratum, change: ErratumPatch): ErratumPatch | null {
  const inverse: ErratumPatch = {};
  if (change.status !== undefined && change.status !== erratum.status) {
    // Only a check of the page verifies: an editor cannot claim it, so a verified erratum's change stays.
    if (erratum.status === 'verified') return null;
    inverse.status = erratum.status;
  }
  if (change.assigneeId !== undefined && change.assigneeId !== (erratum.assignee?.id ?? null)) {
    inverse.assigneeId = erratum.assignee?.id ?? null;
  }
  return Object.keys(inverse).length > 0 ? inverse : null;
}

/** The undo of an action on several errata: each one's inverse, leaving out those with none. */
export function changesDone(errata: readonly Erratum[], change: ErratumPatch): ChangeDone[] {
  return errata.flatMap((erratum) => {
    const before = inverseOf(erratum, change);
    return before ? [{ id: erratum.id, before }] : [];
  });
}

/**
 * The requests that undo an action: errata that go back to the same state share one bulk
 * request, in the order they were first met.
 */
export function undoRequests(done: readonly ChangeDone[]): { ids: string[]; change: ErratumPatch }[] {
  const byPatch = new Map<string, { ids: string[]; change: ErratumPatch }>();
  for (const { id, before } of done) {
    const key = JSON.stringify([before.status ?? null, 'assigneeId' in before ? before.assigneeId : '-']);
    const request = byPatch.get(key);
    if (request) request.ids.push(id);
    else byPatch.set(key, { ids: [id], change: before });
  }
  return [...byPatch.values()];
}

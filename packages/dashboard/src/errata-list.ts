import type { Erratum } from '@errata/core';

/**
 * The next page of errata added to the ones shown. An erratum can come twice when a new
 * report moves it to the top between two pages; the copy shown first stays.
 */
export function appendPage(shown: readonly Erratum[], page: readonly Erratum[]): Erratum[] {
  const ids = new Set(shown.map((erratum) => erratum.id));
  return [...shown, ...page.filter((erratum) => !ids.has(erratum.id))];
}

/** The list without one erratum, as the card leaves the tab. */
export function withoutErratum(shown: readonly Erratum[], id: string): Erratum[] {
  return shown.filter((erratum) => erratum.id !== id);
}

/** The list with an erratum back in it, after its status change failed; never twice. */
export function withErratum(shown: readonly Erratum[], erratum: Erratum): Erratum[] {
  return shown.some((other) => other.id === erratum.id) ? [...shown] : [...shown, erratum];
}

/**
 * The card to move keyboard focus to when one leaves the list: the one after it, else the
 * one before, else null (the list is now empty). `order` is the ids in display order.
 */
export function neighbourOf(order: readonly string[], id: string): string | null {
  const index = order.indexOf(id);
  if (index === -1) return null;
  return order[index + 1] ?? order[index - 1] ?? null;
}

import type { Erratum, ErratumStatus } from '@errata/core';

/** A tab of the inbox: the statuses it lists and its name. */
export interface StatusTab {
  status: ErratumStatus;
  label: string;
  /** What the tab says when it has nothing to list. */
  empty: string;
}

/** The inbox's tabs, in order; the first is the default. */
export const STATUS_TABS: readonly StatusTab[] = [
  { status: 'open', label: 'Open', empty: 'No open mistakes on this site.' },
  { status: 'fixed', label: 'Fixed', empty: 'Nothing has been marked as fixed yet.' },
  { status: 'rejected', label: 'Not a mistake', empty: 'No report has been set aside as not a mistake.' },
  { status: 'spam', label: 'Spam', empty: 'Nothing was held or marked as spam.' },
];

/** The status the inbox opens on. */
export const DEFAULT_STATUS: ErratumStatus = 'open';

/** The tab listing a status; `verified` errata sit with the fixed ones. */
export function tabOf(status: ErratumStatus): StatusTab {
  const listed = status === 'verified' ? 'fixed' : status;
  return STATUS_TABS.find((tab) => tab.status === listed) ?? STATUS_TABS[0]!;
}

/** The statuses a tab lists: its own, and for the Fixed tab the verified errata too. */
export function statusesOfTab(status: ErratumStatus): ErratumStatus[] {
  return status === 'fixed' ? ['fixed', 'verified'] : [status];
}

/** What an editor can do with an erratum in a status. */
export interface TriageAction {
  /** The button's text. */
  label: 'Fixed' | 'Not a mistake' | 'Spam' | 'Reopen' | 'Restore';
  /** The status the button moves the erratum to. */
  status: ErratumStatus;
  /** What happened, for the screen reader's announcement and the undo bar: "Marked as spam". */
  done: string;
}

const OPEN_ACTIONS: readonly TriageAction[] = [
  { label: 'Fixed', status: 'fixed', done: 'Marked as fixed' },
  { label: 'Not a mistake', status: 'rejected', done: 'Marked as not a mistake' },
  { label: 'Spam', status: 'spam', done: 'Marked as spam' },
];
const CLOSED_ACTIONS: readonly TriageAction[] = [{ label: 'Reopen', status: 'open', done: 'Reopened' }];
const HELD_ACTIONS: readonly TriageAction[] = [{ label: 'Restore', status: 'open', done: 'Restored' }];

/** The buttons of an erratum's card: triage for an open one, restore for one spam scoring held, reopen for any other. */
export function triageActions(erratum: Pick<Erratum, 'status' | 'spamReasons'>): readonly TriageAction[] {
  if (erratum.status === 'open') return OPEN_ACTIONS;
  return erratum.status === 'spam' && erratum.spamReasons ? HELD_ACTIONS : CLOSED_ACTIONS;
}

/** What moving an erratum to `status` is called, "Marked as spam"; null for a status no button sets. */
export function doneOf(status: ErratumStatus): string | null {
  return [...OPEN_ACTIONS, ...CLOSED_ACTIONS].find((action) => action.status === status)?.done ?? null;
}

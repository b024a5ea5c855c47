import type { Erratum, ErratumPatch, ErratumStatus, SiteMember } from '@errata/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { InboxFilter } from './inbox-location.ts';
import { shortQuote } from './short-quote.ts';
import { doneOf } from './status-tabs.ts';
import type { DoneNotice } from './TriageNotices.tsx';
import { commandOf, isTypingTarget, moveFocus, type TriageCommand } from './triage-keys.ts';
import { type ChangeDone, changesDone, undoRequests } from './undo-change.ts';
import type { ErrataView } from './use-errata.ts';

/** The last action, which `u` or the notice's Undo takes back. */
interface LastAction {
  text: string;
  done: ChangeDone[];
  /** Resolves once the action's own requests have been answered (and `done` lost what failed). */
  settled: Promise<void>;
}

/** Errata that could not be changed in a bulk action, by quote. */
interface Failure {
  id: string;
  error: string;
  quote: string;
}

const STATUS_KEYS: Partial<Record<TriageCommand, ErratumStatus>> = {
  fixed: 'fixed',
  rejected: 'rejected',
  spam: 'spam',
  reopen: 'open',
};

/** What an action acts on, for notices and the assign dialog: "“Lisbno”" or "3 errata". */
export function subjectOf(targets: readonly Erratum[]): string {
  return targets.length === 1 ? `“${shortQuote(targets[0]!.quote.exact)}”` : `${targets.length} errata`;
}

/** Whether a patch changes an erratum at all. */
function changes(erratum: Erratum, patch: ErratumPatch): boolean {
  return (
    (patch.status !== undefined && patch.status !== erratum.status) ||
    (patch.assigneeId !== undefined && patch.assigneeId !== (erratum.assignee?.id ?? null))
  );
}

function cardOf(id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`article.erratum[data-erratum-id="${CSS.escape(id)}"]`);
}

export interface TriageOptions {
  view: Pick<ErrataView, 'errata' | 'change' | 'send'>;
  /** The ids of the errata shown, in the order of the list on screen. */
  order: readonly string[];
  /** The list shown: another site, tab or filter drops the notice, the selection and the bulk failures. */
  site: string;
  status: ErratumStatus;
  filter: InboxFilter;
  /** The erratum whose detail is open, or null. */
  openId: string | null;
  /** Opens a detail (null closes it); `replace` when j/k walk through details, so back leaves the inbox. */
  onOpen: (id: string | null, replace?: boolean) => void;
  canTriage: boolean;
  userId: string;
  members: readonly SiteMember[];
}

/**
 * The triage of one tab's errata, by button, key or in bulk: the focused card and the
 * selection, status changes and assignments, what happened (or failed) and the undo of the
 * last action, the open assign dialog and key help, and where the focus goes after each.
 * `heading` and `search` are for the list's heading and search field.
 */
export function useTriage({
  view,
  order,
  site,
  status,
  filter,
  openId,
  onOpen,
  canTriage,
  userId,
  members,
}: TriageOptions) {
  const [done, setDone] = useState<DoneNotice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [failures, setFailures] = useState<Failure[]>([]);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [selected, setSelectedState] = useState<ReadonlySet<string>>(new Set());
  // Keys can come faster than renders: they read the selection, and the cards already acted on, from here.
  const selectedNow = useRef<ReadonlySet<string>>(selected);
  const leaving = useRef(new Set<string>());
  const [assigning, setAssigning] = useState<Erratum[] | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  // Changes on their way: the bulk bar waits for them, keys do not (an editor triages faster than a round trip).
  const [pending, setPending] = useState(0);
  const lastAction = useRef<LastAction | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const search = useRef<HTMLInputElement>(null);
  // The card to focus once the one acted on has left ('' = the list's heading), so the keyboard stays in the list.
  const focusNext = useRef<string | null>(null);

  function setSelected(next: ReadonlySet<string> | ((shown: ReadonlySet<string>) => ReadonlySet<string>)) {
    selectedNow.current = typeof next === 'function' ? next(selectedNow.current) : next;
    setSelectedState(selectedNow.current);
  }

  const byId = new Map(view.errata.map((erratum) => [erratum.id, erratum]));
  const selectedErrata = order.filter((id) => selected.has(id)).map((id) => byId.get(id)!);
  const allSelected = order.length > 0 && order.every((id) => selected.has(id));

  // A notice, a selection or bulk failures of another list would puzzle; errors stay until dismissed.
  useEffect(() => {
    setDone(null);
    setSelected(new Set());
    setFailures([]);
  }, [site, status, JSON.stringify(filter)]);

  useEffect(() => {
    const target = focusNext.current;
    if (target === null) return;
    focusNext.current = null;
    const card = target ? cardOf(target) : null;
    if (card) setFocusedId(target);
    (card ?? heading.current)?.focus();
  });

  function quoteOf(id: string): string {
    const erratum = byId.get(id);
    return erratum ? shortQuote(erratum.quote.exact) : id;
  }

  /** Where the focus goes when `targets` leave: the next card that stays, else the one before. */
  function focusAfter(targets: readonly Erratum[]) {
    const leaving = new Set(targets.map((erratum) => erratum.id));
    const current = focusedId !== null && leaving.has(focusedId) ? focusedId : (targets[0]?.id ?? null);
    if (current === null || !leaving.has(current)) return;
    const at = order.indexOf(current);
    const after = order.slice(at + 1).find((id) => !leaving.has(id));
    const before = order
      .slice(0, Math.max(0, at))
      .reverse()
      .find((id) => !leaving.has(id));
    focusNext.current = after ?? before ?? '';
  }

  async function act(targets: readonly Erratum[], patch: ErratumPatch, text: string) {
    const changing = targets.filter((erratum) => changes(erratum, patch));
    if (changing.length === 0) return;
    if (patch.status !== undefined) {
      focusAfter(changing);
      for (const erratum of changing) leaving.current.add(erratum.id);
    }
    let settle = () => {};
    const settled = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const action: LastAction = { text, done: changesDone(changing, patch), settled };
    lastAction.current = action.done.length > 0 ? action : null;
    const notice: DoneNotice = { text };
    if (action.done.length > 0) notice.undo = () => void undoLast();
    setDone(notice);
    setFailures([]);
    setPending((count) => count + 1);
    const outcome = await view.change(changing, patch);
    setPending((count) => count - 1);
    // By now the list has re-rendered without them (or with them back, refused).
    for (const erratum of changing) leaving.current.delete(erratum.id);
    const failed = new Set(outcome.failed.map((failure) => failure.id));
    action.done = outcome.error !== null ? [] : action.done.filter((change) => !failed.has(change.id));
    settle();
    if (outcome.error !== null) {
      if (lastAction.current === action) lastAction.current = null;
      setDone((shown) => (shown === notice ? null : shown));
      setError(`Could not change ${subjectOf(changing)}: ${outcome.error}`);
      return;
    }
    if (lastAction.current === action && action.done.length === 0) lastAction.current = null;
    setFailures(outcome.failed.map((failure) => ({ ...failure, quote: quoteOf(failure.id) })));
    const changed = new Set(outcome.updated.map((erratum) => erratum.id));
    setSelected((shown) => new Set([...shown].filter((id) => !changed.has(id))));
  }

  async function undoLast() {
    const action = lastAction.current;
    if (action === null) return;
    lastAction.current = null;
    setPending((count) => count + 1);
    setDone({ text: action.text, undoing: true });
    // An undo sent before the action's own request was answered could arrive first and be undone by it.
    await action.settled;
    if (action.done.length === 0) {
      setPending((count) => count - 1);
      setDone(null);
      return;
    }
    const failedTexts: string[] = [];
    let restored: string | null = null;
    for (const request of undoRequests(action.done)) {
      const outcome = await view.send(request.ids, request.change);
      if (outcome.error !== null) failedTexts.push(outcome.error);
      failedTexts.push(...outcome.failed.map((failure) => failure.error));
      restored ??= outcome.updated[0]?.id ?? null;
    }
    setPending((count) => count - 1);
    if (failedTexts.length > 0) {
      setDone(null);
      setError(`Could not undo: ${failedTexts[0]}`);
      return;
    }
    if (restored !== null) focusNext.current = restored;
    setDone({ text: `Undone: ${action.text}` });
  }

  function changeStatus(targets: readonly Erratum[], to: ErratumStatus) {
    void act(targets, { status: to }, `${doneOf(to) ?? 'Changed'}: ${subjectOf(targets)}.`);
  }

  /** Assigns the errata the assign dialog is open for. */
  function assign(assigneeId: string | null) {
    const targets = assigning;
    if (targets === null) return;
    setAssigning(null);
    const subject = subjectOf(targets);
    const who =
      assigneeId === null
        ? null
        : assigneeId === userId
          ? 'you'
          : (members.find((member) => member.userId === assigneeId)?.email ?? 'another editor');
    const text = who === null ? `Unassigned: ${subject}.` : `Assigned to ${who}: ${subject}.`;
    // Keep the keyboard where it was: on the card, or on the first of the selection.
    const back = focusedId ?? targets[0]?.id;
    if (back) focusNext.current = back;
    void act(targets, { assigneeId }, text);
  }

  function focusCard(id: string | null) {
    if (id === null) return;
    setFocusedId(id);
    const card = cardOf(id);
    card?.focus();
    card?.scrollIntoView({ block: 'nearest' });
  }

  function toggleSelect(erratum: Erratum) {
    setSelected((shown) => {
      const next = new Set(shown);
      if (!next.delete(erratum.id)) next.add(erratum.id);
      return next;
    });
  }

  /** Closes the open detail, and puts the keyboard back on its card. */
  function closeDetail() {
    const back = openId;
    onOpen(null);
    if (back !== null && byId.has(back)) focusNext.current = back;
  }

  function closePanels(): boolean {
    // The first Escape leaves the field typed in (a half-written note stays); the next closes.
    const active = document.activeElement;
    if (active instanceof HTMLElement && isTypingTarget(active) && !active.closest('.dialog')) {
      active.blur();
      return true;
    }
    if (helpOpen) {
      setHelpOpen(false);
      return true;
    }
    if (assigning) {
      setAssigning(null);
      if (focusedId) focusNext.current = focusedId;
      return true;
    }
    if (openId !== null) {
      closeDetail();
      return true;
    }
    if (selected.size > 0) {
      setSelected(new Set());
      return true;
    }
    return false;
  }

  function run(command: TriageCommand): boolean {
    if (command === 'close') return closePanels();
    if (command === 'help') {
      setHelpOpen((open) => !open);
      return true;
    }
    // With a dialog open, its own buttons take the keys.
    if (helpOpen || assigning) return false;
    const shown = (id: string | null | undefined): id is string =>
      typeof id === 'string' && byId.has(id) && !leaving.current.has(id);
    const inDom = document.activeElement?.closest<HTMLElement>('article.erratum')?.dataset.erratumId;
    const current = shown(inDom) ? inDom : shown(focusedId) ? focusedId : shown(openId) ? openId : null;
    const chosen = order.filter((id) => selectedNow.current.has(id) && shown(id)).map((id) => byId.get(id)!);
    const targets = chosen.length > 0 ? chosen : current !== null ? [byId.get(current)!] : [];
    switch (command) {
      case 'next':
      case 'previous': {
        const target = moveFocus(order, current, command === 'next' ? 1 : -1);
        focusCard(target);
        if (target !== null && openId !== null && target !== openId) onOpen(target, true);
        return target !== null;
      }
      case 'open':
        if (current === null) return false;
        onOpen(current);
        return true;
      case 'select':
        if (current === null || !canTriage) return false;
        toggleSelect(byId.get(current)!);
        return true;
      case 'search':
        search.current?.focus();
        search.current?.select();
        return true;
      case 'undo':
        if (!canTriage || lastAction.current === null) return false;
        void undoLast();
        return true;
      case 'assign':
        if (!canTriage || targets.length === 0) return false;
        setAssigning(targets);
        return true;
      default: {
        const to = STATUS_KEYS[command];
        // Reopening acts on the closed ones only: an open erratum has nothing to reopen.
        const moving = targets.filter((erratum) => erratum.status !== to);
        if (to === undefined || !canTriage || moving.length === 0) return false;
        changeStatus(moving, to);
        return true;
      }
    }
  }

  // The listener stays; the keys reach the latest render's `run` (effects run a frame late, renders do not).
  const runNow = useRef(run);
  runNow.current = run;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const command = commandOf(event);
      if (command !== null && runNow.current(command)) event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return {
    heading,
    search,
    done,
    error,
    dismissError: () => setError(null),
    failures,
    dismissFailures: () => setFailures([]),
    focusedId,
    setFocusedId,
    selected,
    selectedErrata,
    allSelected,
    toggleSelect,
    toggleSelectAll: () => setSelected(allSelected ? new Set() : new Set(order)),
    clearSelection: () => setSelected(new Set()),
    /** Changes are on their way: the bulk bar waits for them. */
    busy: pending > 0,
    changeStatus,
    /** The errata the assign dialog is open for, or null. */
    assigning,
    startAssigning: (targets: Erratum[]) => setAssigning(targets),
    assign,
    helpOpen,
    openHelp: () => setHelpOpen(true),
    closeHelp: () => setHelpOpen(false),
    closeDetail,
    /** What Escape does: leaves the field typed in, else closes the help, the dialog, the detail or the selection. */
    closePanels,
  };
}

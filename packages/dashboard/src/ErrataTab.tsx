import type { Erratum, ErratumPatch, ErratumStatus, SiteMember } from '@errata/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { AssignDialog } from './AssignDialog.tsx';
import { BulkBar } from './BulkBar.tsx';
import { DetailPanel } from './DetailPanel.tsx';
import { EmptyInbox } from './EmptyInbox.tsx';
import { FiltersBar } from './FiltersBar.tsx';
import { groupByPage } from './group-by-page.ts';
import { type InboxFilter, isFiltered } from './inbox-location.ts';
import { KeyHelp } from './KeyHelp.tsx';
import { LiveNote } from './LiveNote.tsx';
import { PageGroup } from './PageGroup.tsx';
import { shortQuote } from './short-quote.ts';
import { doneOf, type TriageAction, tabOf } from './status-tabs.ts';
import { type DoneNotice, TriageNotices } from './TriageNotices.tsx';
import { commandOf, isTypingTarget, moveFocus, type TriageCommand } from './triage-keys.ts';
import { type ChangeDone, changesDone, undoRequests } from './undo-change.ts';
import { type LiveSource, useErrata } from './use-errata.ts';
import { useNow } from './use-now.ts';

const CLOCK_TICK = 30_000; // Relative times move by minutes; a half-minute tick keeps them right.

interface ErrataTabProps {
  site: { id: string; name: string };
  status: ErratumStatus;
  filter: InboxFilter;
  onFilter: (filter: InboxFilter, typing?: boolean) => void;
  /** The erratum whose detail is open, or null. */
  openId: string | null;
  /** Opens a detail (null closes it); `replace` when j/k walk through details, so back leaves the inbox. */
  onOpen: (id: string | null, replace?: boolean) => void;
  csrfToken: string;
  user: { id: string; email: string };
  canTriage: boolean;
  onUnauthorized: () => void;
  /** The site's live events, which keep the list current. */
  live: LiveSource;
  members: readonly SiteMember[];
  /** The site's desks, for the desk filter (with any desk seen on the list). */
  desks: readonly string[];
}

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
};

/** What an action acts on, for notices and the assign dialog: "“Lisbno”" or "3 errata". */
function subjectOf(targets: readonly Erratum[]): string {
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

/**
 * One tab of one site's inbox: search and filters, the errata grouped by page, their
 * triage by button, key or in bulk, the undo of the last action, and the open detail.
 */
export function ErrataTab({
  site,
  status,
  filter,
  onFilter,
  openId,
  onOpen,
  csrfToken,
  user,
  canTriage,
  onUnauthorized,
  live,
  members,
  desks: siteDesks,
}: ErrataTabProps) {
  const view = useErrata(site.id, status, filter, csrfToken, onUnauthorized, live);
  const now = useNow(CLOCK_TICK);
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

  const tab = tabOf(status);
  const groups = groupByPage(view.errata, filter.sort);
  const order = groups.flatMap((group) => group.errata.map((shown) => shown.id));
  const byId = new Map(view.errata.map((erratum) => [erratum.id, erratum]));
  const selectedErrata = order.filter((id) => selected.has(id)).map((id) => byId.get(id)!);
  const desks = [
    ...new Set([...siteDesks, ...view.errata.flatMap((erratum) => (erratum.desk ? [erratum.desk] : []))]),
  ];

  // A notice, a selection or bulk failures of another list would puzzle; errors stay until dismissed.
  useEffect(() => {
    setDone(null);
    setSelected(new Set());
    setFailures([]);
  }, [site.id, status, JSON.stringify(filter)]);

  // The editor triaged every card shown but more wait on the server: fetch them without a click.
  const drained = view.phase === 'ready' && view.errata.length === 0 && view.next !== null;
  useEffect(() => {
    if (drained && !view.loadingMore && view.moreError === null) view.loadMore();
  }, [drained]);

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

  function triage(targets: readonly Erratum[], to: ErratumStatus) {
    void act(targets, { status: to }, `${doneOf(to) ?? 'Changed'}: ${subjectOf(targets)}.`);
  }

  function assign(targets: readonly Erratum[], assigneeId: string | null) {
    setAssigning(null);
    const subject = subjectOf(targets);
    const who =
      assigneeId === null
        ? null
        : assigneeId === user.id
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
      const back = openId;
      onOpen(null);
      if (byId.has(back)) focusNext.current = back;
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
        if (to === undefined || !canTriage || targets.length === 0) return false;
        triage(targets, to);
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

  const allSelected = order.length > 0 && order.every((id) => selected.has(id));
  const assigningOne = assigning?.length === 1 ? assigning[0]! : null;

  return (
    <div class={`inbox-body${openId !== null ? ' has-detail' : ''}`}>
      <main class="inbox-main" id="main">
        <h2 class="visually-hidden" tabIndex={-1} ref={heading}>
          {tab.label}: {site.name}
        </h2>
        <FiltersBar
          filter={filter}
          members={members}
          userId={user.id}
          desks={desks}
          onChange={onFilter}
          searchRef={search}
        />
        <TriageNotices done={done} error={error} onDismissError={() => setError(null)} />
        {failures.length > 0 && (
          <div class="notice notice-error bulk-failures" role="alert">
            <p>{failures.length === 1 ? 'One erratum was' : `${failures.length} errata were`} not changed:</p>
            <ul>
              {failures.map((failure) => (
                <li key={failure.id}>
                  “{failure.quote}”: {failure.error}
                </li>
              ))}
            </ul>
            <button type="button" class="link-button" onClick={() => setFailures([])}>
              Dismiss
            </button>
          </div>
        )}
        <LiveNote departed={view.departed} />
        {view.phase === 'loading' && (
          <p class="loading" role="status">
            Loading…
          </p>
        )}
        {view.phase === 'failed' && (
          <div class="load-error" role="alert">
            <p>{view.loadError}</p>
            <button type="button" onClick={view.reload}>
              Try again
            </button>
          </div>
        )}
        {view.phase === 'ready' &&
          view.errata.length === 0 &&
          view.next === null &&
          (isFiltered(filter) ? (
            <div class="empty">
              <p class="empty-title">Nothing in {tab.label} matches these filters.</p>
            </div>
          ) : (
            <EmptyInbox tab={tab} />
          ))}
        {canTriage && order.length > 0 && (
          <div class="list-tools">
            <label class="select-all">
              <input
                type="checkbox"
                checked={allSelected}
                onChange={() => setSelected(allSelected ? new Set() : new Set(order))}
              />{' '}
              Select all on screen
            </label>
            <button type="button" class="link-button key-help-button" onClick={() => setHelpOpen(true)}>
              Keyboard shortcuts <kbd>?</kbd>
            </button>
          </div>
        )}
        {groups.map((group) => (
          <PageGroup
            key={group.url}
            group={group}
            now={now}
            canTriage={canTriage}
            focusedId={focusedId}
            openId={openId}
            selected={selected}
            onTriage={(erratum: Erratum, action: TriageAction) => {
              setFocusedId(erratum.id);
              triage([erratum], action.status);
            }}
            onToggleSelect={toggleSelect}
            onOpen={(erratum) => {
              setFocusedId(erratum.id);
              onOpen(erratum.id);
            }}
            onFocus={(erratum) => setFocusedId(erratum.id)}
          />
        ))}
        {view.next !== null && (
          <div class="load-more">
            <button
              type="button"
              onClick={view.loadMore}
              disabled={view.loadingMore}
              aria-busy={view.loadingMore}
            >
              Load more
            </button>
            {view.moreError && (
              <p class="notice notice-error" role="alert">
                {view.moreError}
              </p>
            )}
          </div>
        )}
        {canTriage && selectedErrata.length > 0 && (
          <BulkBar
            count={selectedErrata.length}
            status={status}
            busy={pending > 0}
            onTriage={(action) => triage(selectedErrata, action.status)}
            onAssign={() => setAssigning(selectedErrata)}
            onClear={() => setSelected(new Set())}
          />
        )}
      </main>
      {openId !== null && (
        <DetailPanel
          id={openId}
          csrfToken={csrfToken}
          canTriage={canTriage}
          feed={live.feed}
          now={now}
          onClose={() => {
            const back = openId;
            onOpen(null);
            if (byId.has(back)) focusNext.current = back;
          }}
          onTriage={(erratum, action) => triage([erratum], action.status)}
          onAssign={(erratum) => setAssigning([erratum])}
          onUnauthorized={onUnauthorized}
        />
      )}
      {assigning && (
        <AssignDialog
          subject={subjectOf(assigning)}
          members={members}
          userId={user.id}
          userEmail={user.email}
          current={assigningOne ? (assigningOne.assignee?.id ?? null) : undefined}
          onAssign={(assigneeId) => assign(assigning, assigneeId)}
          onClose={() => closePanels()}
        />
      )}
      {helpOpen && <KeyHelp onClose={() => setHelpOpen(false)} />}
    </div>
  );
}

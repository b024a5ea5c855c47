import type { Erratum, ErratumStatus } from '@errata/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { EmptyInbox } from './EmptyInbox.tsx';
import { neighbourOf } from './errata-list.ts';
import { groupByPage } from './group-by-page.ts';
import { LiveNote } from './LiveNote.tsx';
import { PageGroup } from './PageGroup.tsx';
import { shortQuote } from './short-quote.ts';
import { type TriageAction, tabOf } from './status-tabs.ts';
import { type DoneNotice, TriageNotices } from './TriageNotices.tsx';
import { type LiveSource, useErrata } from './use-errata.ts';
import { useNow } from './use-now.ts';

const CLOCK_TICK = 30_000; // Relative times move by minutes; a half-minute tick keeps them right.

interface ErrataTabProps {
  site: { id: string; name: string };
  status: ErratumStatus;
  csrfToken: string;
  canTriage: boolean;
  onUnauthorized: () => void;
  /** The site's live events, which keep the list current. */
  live: LiveSource;
}

/** One tab of one site's inbox: the errata grouped by page, their triage, and "Load more". */
export function ErrataTab({ site, status, csrfToken, canTriage, onUnauthorized, live }: ErrataTabProps) {
  const view = useErrata(site.id, status, csrfToken, onUnauthorized, live);
  const now = useNow(CLOCK_TICK);
  const [done, setDone] = useState<DoneNotice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // The card to focus once the one acted on has left ('' = the list's heading), so the keyboard stays in the list.
  const focusNext = useRef<string | null>(null);
  const tab = tabOf(status);
  const groups = groupByPage(view.errata);

  // A notice about another tab's card would puzzle; failures stay until dismissed.
  useEffect(() => setDone(null), [site.id, status]);

  // The editor triaged every card shown but more wait on the server: fetch them without a click.
  const drained = view.phase === 'ready' && view.errata.length === 0 && view.next !== null;
  useEffect(() => {
    if (drained && !view.loadingMore && view.moreError === null) view.loadMore();
  }, [drained]);

  useEffect(() => {
    const target = focusNext.current;
    if (target === null) return;
    focusNext.current = null;
    const card = target
      ? document.querySelector<HTMLElement>(`[data-erratum-id="${CSS.escape(target)}"]`)
      : null;
    (card ?? heading.current)?.focus();
  });

  async function undo(erratum: Erratum, notice: DoneNotice) {
    setDone({ ...notice, undoing: true });
    const failure = await view.undo(erratum);
    if (failure !== null) {
      setDone({ ...notice, undoing: false });
      setError(`Could not undo: ${failure}`);
      return;
    }
    focusNext.current = erratum.id;
    setDone({ text: `“${shortQuote(erratum.quote.exact)}” is back in ${tabOf(erratum.status).label}.` });
  }

  async function triage(erratum: Erratum, action: TriageAction) {
    const order = groups.flatMap((group) => group.errata.map((shown) => shown.id));
    focusNext.current = neighbourOf(order, erratum.id) ?? '';
    const notice: DoneNotice = { text: `${action.done}: “${shortQuote(erratum.quote.exact)}”.` };
    // Editors can reopen, not claim a page was verified: a verified erratum's change has no undo.
    if (erratum.status !== 'verified') notice.undo = () => void undo(erratum, notice);
    setDone(notice);
    const failure = await view.triage(erratum, action.status);
    if (failure === null) return;
    setDone((shown) => (shown === notice ? null : shown));
    setError(`Could not change “${shortQuote(erratum.quote.exact)}”: ${failure}`);
  }

  return (
    <main class="inbox-main" id="main">
      <h2 class="visually-hidden" tabIndex={-1} ref={heading}>
        {tab.label}: {site.name}
      </h2>
      <TriageNotices done={done} error={error} onDismissError={() => setError(null)} />
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
      {view.phase === 'ready' && view.errata.length === 0 && view.next === null && <EmptyInbox tab={tab} />}
      {groups.map((group) => (
        <PageGroup key={group.url} group={group} now={now} canTriage={canTriage} onTriage={triage} />
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
    </main>
  );
}

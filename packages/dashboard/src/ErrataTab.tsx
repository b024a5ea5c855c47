import type { Erratum, ErratumStatus, SiteMember } from '@errata/core';
import { useEffect } from 'preact/hooks';
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
import { type TriageAction, tabOf } from './status-tabs.ts';
import { TriageNotices } from './TriageNotices.tsx';
import { type LiveSource, useErrata } from './use-errata.ts';
import { useNow } from './use-now.ts';
import { subjectOf, useTriage } from './use-triage.ts';

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

/**
 * One tab of one site's inbox: search and filters, the errata grouped by page, the notices
 * and bulk bar of their triage (which `useTriage` does), and the open detail.
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
  const groups = groupByPage(view.errata, filter.sort);
  const order = groups.flatMap((group) => group.errata.map((shown) => shown.id));
  const triage = useTriage({
    view,
    order,
    site: site.id,
    status,
    filter,
    openId,
    onOpen,
    canTriage,
    userId: user.id,
    members,
  });
  const tab = tabOf(status);
  const desks = [
    ...new Set([...siteDesks, ...view.errata.flatMap((erratum) => (erratum.desk ? [erratum.desk] : []))]),
  ];

  // The editor triaged every card shown but more wait on the server: fetch them without a click.
  const drained = view.phase === 'ready' && view.errata.length === 0 && view.next !== null;
  useEffect(() => {
    if (drained && !view.loadingMore && view.moreError === null) view.loadMore();
  }, [drained]);

  const assigningOne = triage.assigning?.length === 1 ? triage.assigning[0]! : null;

  return (
    <div class={`inbox-body${openId !== null ? ' has-detail' : ''}`}>
      <main class="inbox-main" id="main">
        <h2 class="visually-hidden" tabIndex={-1} ref={triage.heading}>
          {tab.label}: {site.name}
        </h2>
        <FiltersBar
          filter={filter}
          members={members}
          userId={user.id}
          desks={desks}
          onChange={onFilter}
          searchRef={triage.search}
        />
        <TriageNotices done={triage.done} error={triage.error} onDismissError={triage.dismissError} />
        {triage.failures.length > 0 && (
          <div class="notice notice-error bulk-failures" role="alert">
            <p>
              {triage.failures.length === 1 ? 'One erratum was' : `${triage.failures.length} errata were`} not
              changed:
            </p>
            <ul>
              {triage.failures.map((failure) => (
                <li key={failure.id}>
                  “{failure.quote}”: {failure.error}
                </li>
              ))}
            </ul>
            <button type="button" class="link-button" onClick={triage.dismissFailures}>
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
              <input type="checkbox" checked={triage.allSelected} onChange={triage.toggleSelectAll} /> Select
              all on screen
            </label>
            <button type="button" class="link-button key-help-button" onClick={triage.openHelp}>
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
            focusedId={triage.focusedId}
            openId={openId}
            selected={triage.selected}
            onTriage={(erratum: Erratum, action: TriageAction) => {
              triage.setFocusedId(erratum.id);
              triage.changeStatus([erratum], action.status);
            }}
            onToggleSelect={triage.toggleSelect}
            onOpen={(erratum) => {
              triage.setFocusedId(erratum.id);
              onOpen(erratum.id);
            }}
            onFocus={(erratum) => triage.setFocusedId(erratum.id)}
            proofread={
              canTriage
                ? { site: site.id, csrfToken, onProofread: view.refresh, onUnauthorized: onUnauthorized }
                : null
            }
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
        {canTriage && triage.selectedErrata.length > 0 && (
          <BulkBar
            count={triage.selectedErrata.length}
            status={status}
            busy={triage.busy}
            onTriage={(action) => triage.changeStatus(triage.selectedErrata, action.status)}
            onAssign={() => triage.startAssigning(triage.selectedErrata)}
            onClear={triage.clearSelection}
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
          onClose={triage.closeDetail}
          onTriage={(erratum, action) => triage.changeStatus([erratum], action.status)}
          onAssign={(erratum) => triage.startAssigning([erratum])}
          onOpenErratum={(id) => onOpen(id)}
          onProofread={view.refresh}
          onUnauthorized={onUnauthorized}
        />
      )}
      {triage.assigning && (
        <AssignDialog
          subject={subjectOf(triage.assigning)}
          members={members}
          userId={user.id}
          userEmail={user.email}
          current={assigningOne ? (assigningOne.assignee?.id ?? null) : undefined}
          onAssign={triage.assign}
          onClose={() => triage.closePanels()}
        />
      )}
      {triage.helpOpen && <KeyHelp onClose={triage.closeHelp} />}
    </div>
  );
}

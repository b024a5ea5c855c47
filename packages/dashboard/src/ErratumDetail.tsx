import { type ErratumDetail as Detail, type Erratum, NOTE_MAX } from '@errata/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiRequestError, addErratumNote, errorMessage, getErratumDetail, isUnauthorized } from './api.ts';
import { FindingDetail } from './FindingDetail.tsx';
import { isProofread, rejectHint, wordTaughtBy } from './finding-text.ts';
import { HeldReasons } from './HeldReasons.tsx';
import { actorOf, describeHistoryEvent, noteText } from './history-text.ts';
import type { LiveFeed } from './live-feed.ts';
import { ProofreadButton } from './ProofreadButton.tsx';
import { pageHref, pageLabel } from './page-link.ts';
import { QuoteInContext } from './QuoteInContext.tsx';
import { fullDateTime, relativeTime } from './relative-time.ts';
import { KIND_LABELS } from './report-kinds.ts';
import { SuggestionDiff } from './SuggestionDiff.tsx';
import { type TriageAction, tabOf, triageActions } from './status-tabs.ts';

export interface ErratumDetailProps {
  id: string;
  csrfToken: string;
  canTriage: boolean;
  feed: LiveFeed;
  now: Date;
  onClose: () => void;
  onTriage: (erratum: Erratum, action: TriageAction) => void;
  onAssign: (erratum: Erratum) => void;
  /** Opens another erratum's detail (the fixed one a same-mistake proposal came from). */
  onOpenErratum: (id: string) => void;
  /** "Proofread page" made errata: the list loads them. */
  onProofread: () => void;
  onUnauthorized: () => void;
}

type Loaded =
  | { phase: 'loading' }
  | { phase: 'failed'; message: string }
  | { phase: 'ready'; detail: Detail };

function When({ iso, now }: { iso: string; now: Date }) {
  const time = new Date(iso);
  return (
    <time dateTime={iso} title={fullDateTime(time)}>
      {relativeTime(time, now)}
    </time>
  );
}

/**
 * Everything about one erratum: the quote in context, each suggestion as a diff against it,
 * comments, the reports, notes and who did what; reloaded when the erratum changes.
 */
export function ErratumDetail({
  id,
  csrfToken,
  canTriage,
  feed,
  now,
  onClose,
  onTriage,
  onAssign,
  onOpenErratum,
  onProofread,
  onUnauthorized,
}: ErratumDetailProps) {
  const [loaded, setLoaded] = useState<Loaded>({ phase: 'loading' });
  const [reloads, setReloads] = useState(0);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [noteError, setNoteError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const signedOut = useRef(onUnauthorized);
  signedOut.current = onUnauthorized;

  useEffect(() => {
    setLoaded({ phase: 'loading' });
    heading.current?.focus();
  }, [id]);

  useEffect(() => {
    const request = new AbortController();
    getErratumDetail(id, request.signal).then(
      (detail) => setLoaded({ phase: 'ready', detail }),
      (error: unknown) => {
        if (request.signal.aborted) return;
        if (isUnauthorized(error)) return signedOut.current();
        const message =
          error instanceof ApiRequestError && error.status === 404
            ? 'This erratum is not here: it was removed, or it belongs to a site you are not a member of.'
            : errorMessage(error);
        setLoaded({ phase: 'failed', message });
      },
    );
    return () => request.abort();
  }, [id, reloads]);

  useEffect(
    () =>
      feed.listen({
        erratum: (event) => {
          if (event.erratum.id === id) setReloads((count) => count + 1);
        },
      }),
    [feed, id],
  );

  async function saveNote(event: Event) {
    event.preventDefault();
    const text = note.trim();
    if (text === '' || saving) return;
    setSaving(true);
    setNoteError(null);
    try {
      await addErratumNote(id, text, csrfToken);
      setNote('');
      setReloads((count) => count + 1);
    } catch (error) {
      if (isUnauthorized(error)) return onUnauthorized();
      setNoteError(`Could not add the note: ${errorMessage(error)}`);
    } finally {
      setSaving(false);
    }
  }

  const detail = loaded.phase === 'ready' ? loaded.detail : null;
  const erratum = detail?.erratum;
  const notes = detail?.events.filter((event) => noteText(event) !== null) ?? [];
  const pageLink = detail ? pageHref(detail.links.page) : null;
  const cmsLink = detail?.links.cms ? pageHref(detail.links.cms) : null;
  const proofread = erratum ? isProofread(erratum) : false;
  const taught = erratum && canTriage ? wordTaughtBy(erratum) : null;

  return (
    <section class="detail" aria-labelledby="detail-title" data-erratum-id={id}>
      <header class="detail-header">
        <h2 id="detail-title" tabIndex={-1} ref={heading}>
          {erratum ? pageLabel(erratum.title, erratum.url) : 'Erratum'}
        </h2>
        <button type="button" class="detail-close" onClick={onClose} aria-label="Close details">
          ✕
        </button>
      </header>
      {loaded.phase === 'loading' && (
        <p class="loading" role="status">
          Loading…
        </p>
      )}
      {loaded.phase === 'failed' && (
        <div class="load-error" role="alert">
          <p>{loaded.message}</p>
          <button type="button" onClick={() => setReloads((count) => count + 1)}>
            Try again
          </button>
        </div>
      )}
      {detail && erratum && (
        <>
          <QuoteInContext quote={erratum.quote} lang={erratum.lang} />
          {erratum.spamReasons && <HeldReasons reasons={erratum.spamReasons} />}
          <p class="erratum-meta">
            <span class="badge badge-status">{tabOf(erratum.status).label}</span>
            <span class="badge badge-kind">{KIND_LABELS[erratum.kind] ?? erratum.kind}</span>
            {erratum.desk && <span class="badge">{erratum.desk}</span>}
            {proofread && <span class="badge badge-proofreader">Proofreader</span>}
            {(!proofread || erratum.reports > 0) && (
              <span class="report-count">
                {erratum.reports} {erratum.reports === 1 ? 'report' : 'reports'}
              </span>
            )}
            {proofread && erratum.reports === 0 ? (
              <span>
                found <When iso={erratum.firstReportedAt} now={now} />
              </span>
            ) : (
              <span>
                first <When iso={erratum.firstReportedAt} now={now} />, latest{' '}
                <When iso={erratum.lastReportedAt} now={now} />
              </span>
            )}
          </p>
          <p class="detail-links">
            {pageLink && (
              <a href={pageLink} target="_blank" rel="noopener" class="detail-link">
                Open on the page<span class="visually-hidden"> (opens in a new tab)</span>
              </a>
            )}
            {cmsLink && (
              <a href={cmsLink} target="_blank" rel="noopener" class="detail-link">
                Open in CMS<span class="visually-hidden"> (opens in a new tab)</span>
              </a>
            )}
          </p>
          {canTriage && (
            <ProofreadButton
              key={erratum.url}
              site={erratum.site}
              url={erratum.url}
              csrfToken={csrfToken}
              describedBy="detail-title"
              onProofread={onProofread}
              onUnauthorized={onUnauthorized}
            />
          )}
          <div class="detail-assignee">
            <span>
              Assignee: <strong>{erratum.assignee?.email ?? 'nobody'}</strong>
            </span>
            {canTriage && (
              <button type="button" onClick={() => onAssign(erratum)}>
                Assign…
              </button>
            )}
          </div>
          {canTriage && (
            <div class="actions">
              {triageActions(erratum).map((action) => (
                <button
                  type="button"
                  key={action.status}
                  class={`action action-${action.status}`}
                  aria-describedby={taught && action.status === 'rejected' ? 'detail-reject-hint' : undefined}
                  onClick={() => onTriage(erratum, action)}
                >
                  {action.label}
                </button>
              ))}
            </div>
          )}
          {taught && erratum.status === 'open' && (
            <p class="reject-hint" id="detail-reject-hint">
              {rejectHint(taught)}
            </p>
          )}
          {erratum.finding && (
            <FindingDetail erratum={erratum} finding={erratum.finding} onOpenErratum={onOpenErratum} />
          )}

          <h3>{proofread ? "Readers' corrections" : 'Suggested corrections'}</h3>
          {erratum.suggestions.length === 0 ? (
            <p class="muted">No reader suggested a correction.</p>
          ) : (
            <ul class="suggestion-diffs">
              {erratum.suggestions.map((suggestion) => (
                <li key={suggestion.text} class="suggestion-diff">
                  {suggestion.text.trim() ? (
                    <>
                      <SuggestionDiff
                        quote={erratum.quote.exact}
                        suggestion={suggestion.text}
                        lang={erratum.lang}
                      />
                      <span class="diff-result" dir="auto">
                        <span aria-hidden="true"> → </span>
                        <span class="visually-hidden"> gives </span>
                        {suggestion.text}
                      </span>
                    </>
                  ) : (
                    <span class="diff">
                      <del>{erratum.quote.exact}</del> <em>(remove)</em>
                    </span>
                  )}{' '}
                  <span class="suggestion-count">
                    ×{suggestion.count}
                    <span class="visually-hidden"> {suggestion.count === 1 ? 'reader' : 'readers'}</span>
                  </span>
                </li>
              ))}
            </ul>
          )}

          {erratum.comments.length > 0 && (
            <>
              <h3>Reader comments</h3>
              <ul class="comments">
                {erratum.comments.map((comment, index) => (
                  <li class="comment" key={index} dir="auto">
                    {comment}
                  </li>
                ))}
              </ul>
            </>
          )}

          <h3>Reports</h3>
          <ol class="timeline report-timeline">
            {detail.reports.map((report) => (
              <li key={report.id}>
                <When iso={report.createdAt} now={now} />
                {report.kind !== 'typo' && (
                  <span class="badge">{KIND_LABELS[report.kind] ?? report.kind}</span>
                )}
                {report.quote.exact !== erratum.quote.exact && (
                  <span dir="auto">
                    {' '}
                    selected <q>{report.quote.exact}</q>
                  </span>
                )}
                {report.suggestion !== null && (
                  <span dir="auto">
                    {' '}
                    suggested <q>{report.suggestion}</q>
                  </span>
                )}
                {report.comment && (
                  <span class="comment" dir="auto">
                    {report.comment}
                  </span>
                )}
              </li>
            ))}
          </ol>
          {proofread && erratum.reports === 0 && (
            <p class="muted">No reader has reported it: the proofreader found it.</p>
          )}
          {detail.reports.length === 0 && erratum.reports > 0 ? (
            // Only the site's retention deletes reports: say so, rather than show an empty list.
            <p class="muted">
              Its {erratum.reports === 1 ? 'report was' : `${erratum.reports} reports were`} deleted under the
              site's retention setting (Settings); the count stays.
            </p>
          ) : (
            detail.reports.length < erratum.reports && (
              <p class="muted">
                The latest {detail.reports.length} of {erratum.reports} reports.
              </p>
            )
          )}

          <h3>Notes</h3>
          {notes.length > 0 && (
            <ul class="notes">
              {notes.map((event) => (
                <li key={event.id} class="note">
                  <p dir="auto">{noteText(event)}</p>
                  <p class="muted">
                    {actorOf(event)}, <When iso={event.createdAt} now={now} />
                  </p>
                </li>
              ))}
            </ul>
          )}
          {canTriage && (
            <form class="note-form" onSubmit={saveNote}>
              <label for="note-text">Add a note for the other editors</label>
              <textarea
                id="note-text"
                value={note}
                maxLength={NOTE_MAX}
                rows={3}
                onInput={(event) => setNote(event.currentTarget.value)}
              />
              {noteError && (
                <p class="notice notice-error" role="alert">
                  {noteError}
                </p>
              )}
              <button type="submit" disabled={saving || note.trim() === ''}>
                Add note
              </button>
            </form>
          )}

          <h3>History</h3>
          {detail.events.length === 0 ? (
            <p class="muted">Nobody has acted on it yet.</p>
          ) : (
            <ol class="timeline audit-log">
              {detail.events.map((event) => (
                <li key={event.id}>
                  <When iso={event.createdAt} now={now} /> <strong>{actorOf(event)}</strong>{' '}
                  {describeHistoryEvent(event)}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}

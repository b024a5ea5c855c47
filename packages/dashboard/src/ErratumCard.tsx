import type { Erratum } from '@errata/core';
import { useId } from 'preact/hooks';
import { FindingSummary } from './FindingSummary.tsx';
import { isProofread, rejectHint, ruleWords, wordTaughtBy } from './finding-text.ts';
import { HeldReasons } from './HeldReasons.tsx';
import { QuoteInContext } from './QuoteInContext.tsx';
import { fullDateTime, relativeTime } from './relative-time.ts';
import { KIND_LABELS } from './report-kinds.ts';
import { SuggestionList } from './SuggestionList.tsx';
import { type TriageAction, triageActions } from './status-tabs.ts';

interface ErratumCardProps {
  erratum: Erratum;
  now: Date;
  /** False for a viewer: the card shows no buttons and no checkbox. */
  canTriage: boolean;
  /** The card the keys act on. */
  focused: boolean;
  selected: boolean;
  /** The card whose detail is open. */
  opened: boolean;
  onTriage: (erratum: Erratum, action: TriageAction) => void;
  onToggleSelect: (erratum: Erratum) => void;
  onOpen: (erratum: Erratum) => void;
  onFocus: (erratum: Erratum) => void;
}

/** One mistake: the quote in its sentence, readers' corrections and comments or the proofreader's finding, and what to do with it. */
export function ErratumCard({
  erratum,
  now,
  canTriage,
  focused,
  selected,
  opened,
  onTriage,
  onToggleSelect,
  onOpen,
  onFocus,
}: ErratumCardProps) {
  const quoteId = useId();
  const hintId = useId();
  const lastReport = new Date(erratum.lastReportedAt);
  const proofread = isProofread(erratum);
  const taught = canTriage ? wordTaughtBy(erratum) : null;
  return (
    <article
      class={`erratum${proofread ? ' is-proofread' : ''}${focused ? ' is-focused' : ''}${selected ? ' is-selected' : ''}${opened ? ' is-opened' : ''}`}
      data-source={erratum.source}
      data-erratum-id={erratum.id}
      data-status={erratum.status}
      tabIndex={-1}
      aria-labelledby={quoteId}
      aria-current={opened ? 'true' : undefined}
      onFocusIn={() => onFocus(erratum)}
    >
      {canTriage && (
        <label class="select-box">
          <input
            type="checkbox"
            checked={selected}
            onChange={() => onToggleSelect(erratum)}
            aria-describedby={quoteId}
          />
          <span class="visually-hidden">Select</span>
        </label>
      )}
      <QuoteInContext quote={erratum.quote} lang={erratum.lang} id={quoteId} />
      {erratum.spamReasons && <HeldReasons reasons={erratum.spamReasons} />}
      {erratum.finding && <FindingSummary erratum={erratum} finding={erratum.finding} />}
      <SuggestionList exact={erratum.quote.exact} suggestions={erratum.suggestions} lang={erratum.lang} />
      {erratum.comments.length > 0 && (
        <ul class="comments" aria-label="Reader comments">
          {erratum.comments.map((comment, index) => (
            // Comments have no id and may repeat; their place in the list is their identity.
            <li class="comment" key={index} dir="auto">
              {comment}
            </li>
          ))}
        </ul>
      )}
      <p class="erratum-meta">
        {/* One piece of text, so that a narrow card wraps it between words, not after a separator. */}
        {proofread ? (
          <span>
            <span class="badge badge-proofreader">Proofreader</span>
            {erratum.finding && <span class="finding-rule"> {ruleWords(erratum.finding.rule)}</span>}
            {erratum.reports > 0 && (
              <span class="report-count">
                , {erratum.reports} {erratum.reports === 1 ? 'report' : 'reports'}
              </span>
            )}
            , found{' '}
            <time dateTime={erratum.firstReportedAt} title={fullDateTime(new Date(erratum.firstReportedAt))}>
              {relativeTime(new Date(erratum.firstReportedAt), now)}
            </time>
          </span>
        ) : (
          <span>
            <span class="report-count">
              {erratum.reports} {erratum.reports === 1 ? 'report' : 'reports'}
            </span>
            , latest{' '}
            <time dateTime={erratum.lastReportedAt} title={fullDateTime(lastReport)}>
              {relativeTime(lastReport, now)}
            </time>
          </span>
        )}
        {erratum.kind && erratum.kind !== 'typo' && (
          <span class="badge badge-kind">{KIND_LABELS[erratum.kind]}</span>
        )}
        {erratum.desk && <span class="badge">{erratum.desk}</span>}
        {erratum.assignee && <span class="badge badge-assignee">→ {erratum.assignee.email}</span>}
        {erratum.status === 'verified' && <span class="badge">Verified on the page</span>}
      </p>
      <div class="actions">
        <button
          type="button"
          class="action action-open"
          aria-describedby={quoteId}
          onClick={() => onOpen(erratum)}
        >
          Details
        </button>
        {canTriage &&
          triageActions(erratum).map((action) => (
            <button
              type="button"
              key={action.status}
              class={`action action-${action.status}`}
              aria-describedby={taught && action.status === 'rejected' ? `${quoteId} ${hintId}` : quoteId}
              onClick={() => onTriage(erratum, action)}
            >
              {action.label}
            </button>
          ))}
      </div>
      {taught && erratum.status === 'open' && (
        <p class="reject-hint" id={hintId}>
          {rejectHint(taught)}
        </p>
      )}
    </article>
  );
}

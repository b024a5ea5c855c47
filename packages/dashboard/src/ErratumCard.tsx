import type { Erratum } from '@errata/core';
import { useId } from 'preact/hooks';
import { QuoteInContext } from './QuoteInContext.tsx';
import { fullDateTime, relativeTime } from './relative-time.ts';
import { SuggestionList } from './SuggestionList.tsx';
import { type TriageAction, triageActions } from './status-tabs.ts';

interface ErratumCardProps {
  erratum: Erratum;
  now: Date;
  /** False for a viewer: the card shows no buttons. */
  canTriage: boolean;
  onTriage: (erratum: Erratum, action: TriageAction) => void;
}

/** One mistake: the quote in its sentence, readers' corrections and comments, and what to do with it. */
export function ErratumCard({ erratum, now, canTriage, onTriage }: ErratumCardProps) {
  const quoteId = useId();
  const lastReport = new Date(erratum.lastReportedAt);
  return (
    <article
      class="erratum"
      data-erratum-id={erratum.id}
      data-status={erratum.status}
      tabIndex={-1}
      aria-labelledby={quoteId}
    >
      <QuoteInContext quote={erratum.quote} lang={erratum.lang} id={quoteId} />
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
        <span class="report-count">
          {erratum.reports} {erratum.reports === 1 ? 'report' : 'reports'}
        </span>
        <span aria-hidden="true"> · </span>
        <span>
          latest report{' '}
          <time dateTime={erratum.lastReportedAt} title={fullDateTime(lastReport)}>
            {relativeTime(lastReport, now)}
          </time>
        </span>
        {erratum.status === 'verified' && <span class="badge">Verified on the page</span>}
      </p>
      {canTriage && (
        <div class="actions">
          {triageActions(erratum.status).map((action) => (
            <button
              type="button"
              key={action.status}
              class={`action action-${action.status}`}
              aria-describedby={quoteId}
              onClick={() => onTriage(erratum, action)}
            >
              {action.label}
            </button>
          ))}
        </div>
      )}
    </article>
  );
}

import type { DeliveryLogEntry } from '@errata/core';
import { useEffect, useState } from 'preact/hooks';
import { ApiRequestError, errorMessage, listDeliveries, retryDelivery } from './api.ts';
import {
  canRetry,
  DELIVERY_STATUS_WORDS,
  eventText,
  lastAnswerText,
  nextTryText,
  replaceEntry,
} from './delivery-log.ts';
import { fullDateTime, relativeTime } from './relative-time.ts';
import { useNow } from './use-now.ts';

interface DeliveryLogProps {
  siteId: string;
  csrfToken: string;
  /** Owners may retry by hand; other members read. */
  mayRetry: boolean;
  onUnauthorized: () => void;
}

type StatusFilter = DeliveryLogEntry['status'] | '';

const CLOCK_TICK_MS = 5_000; // "in 20 s" stays roughly true without a render per second.
const AUTO_REFRESH_MS = 15_000; // Retries show up without a click; one small request per 15 s costs nothing.

/** The site's delivery log: each event sent to each target, its attempts, last answer and next try. */
export function DeliveryLog({ siteId, csrfToken, mayRetry, onUnauthorized }: DeliveryLogProps) {
  const [status, setStatus] = useState<StatusFilter>('');
  const [entries, setEntries] = useState<DeliveryLogEntry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Older pages are shown: then the log stays as it is until Refresh, so rows do not jump away. */
  const [expanded, setExpanded] = useState(false);
  const now = useNow(CLOCK_TICK_MS);

  const failed = (failure: unknown) => {
    if (failure instanceof ApiRequestError && failure.status === 401) return onUnauthorized();
    setError(errorMessage(failure));
  };

  async function load(more: boolean, signal?: AbortSignal) {
    setError(null);
    try {
      const page = await listDeliveries(
        siteId,
        { status: status || null, cursor: more ? next : null },
        signal,
      );
      setEntries((shown) => (more && shown ? [...shown, ...page.items] : page.items));
      setNext(page.next);
      setExpanded(more);
    } catch (failure) {
      if (!signal?.aborted) failed(failure);
    }
  }

  useEffect(() => {
    setEntries(null);
    setNext(null);
    const request = new AbortController();
    void load(false, request.signal);
    return () => request.abort();
  }, [siteId, status]);

  useEffect(() => {
    if (expanded) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void load(false);
    }, AUTO_REFRESH_MS);
    return () => clearInterval(timer);
  }, [siteId, status, expanded]);

  async function retry(entry: DeliveryLogEntry) {
    setBusy(true);
    setError(null);
    try {
      const fresh = await retryDelivery(siteId, entry.id, csrfToken);
      setEntries((shown) => (shown ? replaceEntry(shown, fresh) : shown));
    } catch (failure) {
      failed(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="site-section" aria-labelledby="deliveries-title">
      <h3 id="deliveries-title">Delivery log</h3>
      <div class="delivery-tools">
        <div class="filter">
          <label for="delivery-status">Show</label>
          <select
            id="delivery-status"
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as StatusFilter)}
          >
            <option value="">All deliveries</option>
            {(Object.keys(DELIVERY_STATUS_WORDS) as DeliveryLogEntry['status'][]).map((s) => (
              <option key={s} value={s}>
                {DELIVERY_STATUS_WORDS[s]}
              </option>
            ))}
          </select>
        </div>
        <button type="button" onClick={() => void load(false)}>
          Refresh
        </button>
      </div>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {entries === null ? (
        !error && <p class="loading">Loading the delivery log…</p>
      ) : entries.length === 0 ? (
        <p class="field-hint">Nothing sent yet{status ? ' with this status' : ''}.</p>
      ) : (
        <div class="delivery-table-wrap">
          <table class="delivery-table">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">To</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last answer</th>
                <th scope="col">Next try</th>
                {mayRetry && (
                  <th scope="col">
                    <span class="visually-hidden">Retry</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} class={`delivery is-${entry.status}`}>
                  <td>
                    {eventText(entry)}
                    <time
                      class="muted"
                      dateTime={entry.createdAt}
                      title={fullDateTime(new Date(entry.createdAt))}
                    >
                      {' '}
                      {relativeTime(new Date(entry.createdAt), now)}
                    </time>
                  </td>
                  <td>
                    {entry.target ?? entry.targetId}
                    <span class="muted"> ({entry.channel})</span>
                  </td>
                  <td>{DELIVERY_STATUS_WORDS[entry.status]}</td>
                  <td>{entry.attempts}</td>
                  <td class="delivery-answer">{lastAnswerText(entry)}</td>
                  <td>
                    {entry.status === 'pending' && entry.nextAttemptAt
                      ? nextTryText(entry.nextAttemptAt, now)
                      : '—'}
                  </td>
                  {mayRetry && (
                    <td>
                      {canRetry(entry) && (
                        <button
                          type="button"
                          disabled={busy}
                          onClick={() => void retry(entry)}
                          aria-label={`Retry the ${eventText(entry)} delivery to ${entry.target ?? entry.targetId} now`}
                        >
                          Retry
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <button type="button" class="load-more" onClick={() => void load(true)}>
          Show older deliveries
        </button>
      )}
    </section>
  );
}

import {
  BULK_IDS_MAX,
  type Erratum,
  type ErratumEvent,
  type ErratumPatch,
  type ErratumStatus,
} from '@errata/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { changeErrata, errorMessage, isUnauthorized, listErrata, patchErratum } from './api.ts';
import { matchesFilter } from './errata-filter.ts';
import { appendPage, withErratum } from './errata-list.ts';
import { EventReplay } from './event-replay.ts';
import { type InboxFilter, listKeyOf } from './inbox-location.ts';
import type { LiveFeed } from './live-feed.ts';
import { applyLiveEvent, isOlder, type LiveView, replayOver } from './live-list.ts';

// Events pass each other only within milliseconds: the latest copies of this many errata are plenty to compare with.
const LATEST_KEPT = 1_000;

/** The errata of one tab of one site, as loaded so far. */
export interface ErrataList {
  errata: Erratum[];
  /** Cursor of the next page, or null when everything is shown. */
  next: string | null;
  phase: 'loading' | 'ready' | 'failed';
  /** Why the first page did not load. */
  loadError: string | null;
  loadingMore: boolean;
  /** Why the last "Load more" failed. */
  moreError: string | null;
  /** The last erratum another editor moved out of this tab, for a short note; null when none. */
  departed: Erratum | null;
}

const LOADING: ErrataList = {
  errata: [],
  next: null,
  phase: 'loading',
  loadError: null,
  loadingMore: false,
  moreError: null,
  departed: null,
};

/** The live side of a list: the site's feed, and who is looking (their own changes need no note). */
export interface LiveSource {
  feed: LiveFeed;
  userId: string;
}

/** How a change of one or more errata ended: the sentence of a failure of the whole, and the errata refused one by one. */
export interface ChangeOutcome {
  error: string | null;
  failed: { id: string; error: string }[];
  /** The errata as the server answered, changed. */
  updated: Erratum[];
}

export interface ErrataView extends ErrataList {
  loadMore: () => void;
  reload: () => void;
  /** Loads the list again keeping the cards on screen until the new ones arrive (errata made elsewhere). */
  refresh: () => void;
  /**
   * Changes errata (one PATCH, or one bulk request for several): cards the change takes out
   * of the list leave first and come back if the server refuses them.
   */
  change: (errata: readonly Erratum[], patch: ErratumPatch) => Promise<ChangeOutcome>;
  /** Sends a change by ids only (an undo), and shows the answers where they belong. */
  send: (ids: readonly string[], patch: ErratumPatch) => Promise<ChangeOutcome>;
}

/**
 * Loads a site's errata of one status, narrowed by a filter, page by page, and changes them optimistically:
 * a card leaves at once and comes back with an error if the server refuses. Live events
 * keep the list current; when the stream (re)opens, the list is loaded again, quietly, to
 * catch up with what happened while it was not listening.
 */
export function useErrata(
  site: string,
  status: ErratumStatus,
  filter: InboxFilter,
  csrfToken: string,
  onUnauthorized: () => void,
  live: LiveSource,
): ErrataView {
  const [list, setList] = useState<ErrataList>(LOADING);
  const [reloads, setReloads] = useState(0);
  // Answers that arrive after the editor moved to another tab or site must not touch this one.
  const listKey = listKeyOf(site, status, filter);
  const shownKey = useRef(listKey);
  shownKey.current = listKey;
  const moreRequest = useRef<AbortController | null>(null);
  const signedOut = useRef(onUnauthorized);
  signedOut.current = onUnauthorized;
  const view: LiveView = { site, tab: status, userId: live.userId, filter };
  const replay = useRef(new EventReplay());
  const latest = useRef(new Map<string, Erratum>());
  // The key of the list on screen, and when its first page was asked for (performance.now()).
  const loadedKey = useRef<string | null>(null);
  const requestedAt = useRef(0);
  // A reload the stream asked for keeps the cards on screen until the new ones arrive.
  const quietReload = useRef(false);

  function fail(error: unknown): string | null {
    if (!isUnauthorized(error)) return errorMessage(error);
    signedOut.current();
    return null;
  }

  useEffect(() => {
    const quiet = quietReload.current && loadedKey.current === listKey;
    quietReload.current = false;
    const request = new AbortController();
    const recording = replay.current.start();
    requestedAt.current = performance.now();
    if (!quiet) setList(LOADING);
    listErrata({ site, status, filter }, request.signal).then(
      (page) => {
        const errata = replayOver(page.items, recording.take(), view);
        loadedKey.current = listKey;
        setList((shown) => ({
          ...LOADING,
          phase: 'ready',
          errata,
          next: page.next,
          departed: quiet ? shown.departed : null,
        }));
      },
      (error: unknown) => {
        recording.take();
        if (request.signal.aborted) return;
        const message = fail(error);
        if (message === null) return;
        // A quiet reload that fails leaves the list as it was (its "Load more" was cut short, though).
        if (quiet) setList((shown) => ({ ...shown, loadingMore: false }));
        else setList({ ...LOADING, phase: 'failed', loadError: message });
      },
    );
    return () => {
      recording.take();
      request.abort();
      moreRequest.current?.abort();
    };
  }, [listKey, reloads]);

  useEffect(
    () =>
      live.feed.listen({
        erratum: (event) => {
          const known = latest.current.get(event.erratum.id);
          if (known && isOlder(event.erratum, known)) return;
          latest.current.delete(event.erratum.id);
          latest.current.set(event.erratum.id, event.erratum);
          if (latest.current.size > LATEST_KEPT) latest.current.delete(latest.current.keys().next().value!);
          replay.current.record(event);
          setList((shown) => {
            // A list on its way gets the event replayed over it when it arrives.
            if (shown.phase !== 'ready') return shown;
            const change = applyLiveEvent(shown.errata, event, view);
            if (change.errata === shown.errata) return shown;
            return { ...shown, errata: change.errata, departed: change.departed ?? shown.departed };
          });
        },
        opened: (at) => {
          if (requestedAt.current > at) return;
          quietReload.current = true;
          setReloads((count) => count + 1);
        },
      }),
    [live.feed, listKey, live.userId],
  );

  function loadMore() {
    if (list.next === null || list.loadingMore) return;
    const request = new AbortController();
    moreRequest.current = request;
    const recording = replay.current.start();
    setList((shown) => ({ ...shown, loadingMore: true, moreError: null }));
    listErrata({ site, status, filter, cursor: list.next }, request.signal).then(
      (page) => {
        const errata = replayOver(page.items, recording.take(), view);
        setList((shown) => ({
          ...shown,
          errata: appendPage(shown.errata, errata),
          next: page.next,
          loadingMore: false,
        }));
      },
      (error: unknown) => {
        recording.take();
        if (request.signal.aborted) return;
        const message = fail(error);
        setList((shown) => ({ ...shown, loadingMore: false, moreError: message }));
      },
    );
  }

  /** Puts the server's answers on the list as the editor's own changes: updated, added or taken out. */
  function show(updated: readonly Erratum[]) {
    const from = listKey;
    if (shownKey.current !== from || updated.length === 0) return;
    setList((shown) => {
      let errata = shown.errata;
      for (const erratum of updated) {
        const event: ErratumEvent = {
          type: 'erratum.updated',
          erratum,
          cause: 'status',
          actorId: live.userId,
        };
        errata = applyLiveEvent(errata, event, view).errata;
      }
      return errata === shown.errata ? shown : { ...shown, errata };
    });
  }

  async function send(ids: readonly string[], patch: ErratumPatch): Promise<ChangeOutcome> {
    try {
      if (ids.length === 1) {
        const updated = [await patchErratum(ids[0]!, patch, csrfToken)];
        show(updated);
        return { error: null, failed: [], updated };
      }
      const outcome: ChangeOutcome = { error: null, failed: [], updated: [] };
      for (let at = 0; at < ids.length; at += BULK_IDS_MAX) {
        const answer = await changeErrata(
          { site, ids: ids.slice(at, at + BULK_IDS_MAX), change: patch },
          csrfToken,
        );
        show(answer.updated);
        outcome.failed.push(...answer.failed);
        outcome.updated.push(...answer.updated);
      }
      return outcome;
    } catch (error) {
      return { error: fail(error) ?? 'Your session has ended.', failed: [], updated: [] };
    }
  }

  async function change(errata: readonly Erratum[], patch: ErratumPatch): Promise<ChangeOutcome> {
    const from = listKey;
    const leaving =
      patch.status === undefined
        ? []
        : errata.filter(
            (erratum) => !matchesFilter({ ...erratum, status: patch.status! }, status, filter, live.userId),
          );
    const leavingIds = new Set(leaving.map((erratum) => erratum.id));
    if (leaving.length > 0) {
      setList((shown) => ({
        ...shown,
        errata: shown.errata.filter((erratum) => !leavingIds.has(erratum.id)),
      }));
    }
    const outcome = await send(
      errata.map((erratum) => erratum.id),
      patch,
    );
    const refused = new Set(
      outcome.error === null ? outcome.failed.map((failure) => failure.id) : leavingIds,
    );
    const back = leaving.filter((erratum) => refused.has(erratum.id));
    if (back.length > 0 && shownKey.current === from) {
      setList((shown) => ({ ...shown, errata: back.reduce(withErratum, shown.errata) }));
    }
    return outcome;
  }

  function refresh() {
    quietReload.current = true;
    setReloads((count) => count + 1);
  }

  return { ...list, loadMore, reload: () => setReloads((count) => count + 1), refresh, change, send };
}

import type { Erratum, ErratumStatus } from '@errata/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage, isUnauthorized, listErrata, patchErratum } from './api.ts';
import { appendPage, withErratum, withoutErratum } from './errata-list.ts';
import { EventReplay } from './event-replay.ts';
import type { LiveFeed } from './live-feed.ts';
import { applyLiveEvent, isOlder, type LiveView, replayOver } from './live-list.ts';
import { tabOf } from './status-tabs.ts';

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

export interface ErrataView extends ErrataList {
  loadMore: () => void;
  reload: () => void;
  /** Moves an erratum to a status, taking its card off the list first; resolves to an error sentence or null. */
  triage: (erratum: Erratum, status: ErratumStatus) => Promise<string | null>;
  /** Puts an erratum back in the status it had (`erratum.status`) and back on its tab's list. */
  undo: (erratum: Erratum) => Promise<string | null>;
}

/**
 * Loads a site's errata of one status page by page, and changes statuses optimistically:
 * a card leaves at once and comes back with an error if the server refuses. Live events
 * keep the list current; when the stream (re)opens, the list is loaded again, quietly, to
 * catch up with what happened while it was not listening.
 */
export function useErrata(
  site: string,
  status: ErratumStatus,
  csrfToken: string,
  onUnauthorized: () => void,
  live: LiveSource,
): ErrataView {
  const [list, setList] = useState<ErrataList>(LOADING);
  const [reloads, setReloads] = useState(0);
  // Answers that arrive after the editor moved to another tab or site must not touch this one.
  const listKey = `${site}\n${status}`;
  const shownKey = useRef(listKey);
  shownKey.current = listKey;
  const moreRequest = useRef<AbortController | null>(null);
  const signedOut = useRef(onUnauthorized);
  signedOut.current = onUnauthorized;
  const view: LiveView = { site, tab: status, userId: live.userId };
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
    listErrata({ site, status }, request.signal).then(
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
  }, [site, status, reloads]);

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
    [live.feed, site, status, live.userId],
  );

  function loadMore() {
    if (list.next === null || list.loadingMore) return;
    const request = new AbortController();
    moreRequest.current = request;
    const recording = replay.current.start();
    setList((shown) => ({ ...shown, loadingMore: true, moreError: null }));
    listErrata({ site, status, cursor: list.next }, request.signal).then(
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

  async function triage(erratum: Erratum, to: ErratumStatus): Promise<string | null> {
    const from = listKey;
    setList((shown) => ({ ...shown, errata: withoutErratum(shown.errata, erratum.id) }));
    try {
      await patchErratum(erratum.id, { status: to }, csrfToken);
      return null;
    } catch (error) {
      if (shownKey.current === from) {
        setList((shown) => ({ ...shown, errata: withErratum(shown.errata, erratum) }));
      }
      return fail(error);
    }
  }

  async function undo(erratum: Erratum): Promise<string | null> {
    try {
      const restored = await patchErratum(erratum.id, { status: erratum.status }, csrfToken);
      if (shownKey.current === `${erratum.site}\n${tabOf(restored.status).status}`) {
        setList((shown) => ({ ...shown, errata: withErratum(shown.errata, restored) }));
      }
      return null;
    } catch (error) {
      return fail(error);
    }
  }

  return { ...list, loadMore, reload: () => setReloads((count) => count + 1), triage, undo };
}

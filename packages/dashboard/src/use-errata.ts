import type { Erratum, ErratumStatus } from '@errata/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage, isUnauthorized, listErrata, patchErratum } from './api.ts';
import { appendPage, withErratum, withoutErratum } from './errata-list.ts';
import { tabOf } from './status-tabs.ts';

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
}

const LOADING: ErrataList = {
  errata: [],
  next: null,
  phase: 'loading',
  loadError: null,
  loadingMore: false,
  moreError: null,
};

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
 * a card leaves at once and comes back with an error if the server refuses.
 */
export function useErrata(
  site: string,
  status: ErratumStatus,
  csrfToken: string,
  onUnauthorized: () => void,
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

  function fail(error: unknown): string | null {
    if (!isUnauthorized(error)) return errorMessage(error);
    signedOut.current();
    return null;
  }

  useEffect(() => {
    const request = new AbortController();
    setList(LOADING);
    listErrata({ site, status }, request.signal).then(
      (page) => setList({ ...LOADING, phase: 'ready', errata: page.items, next: page.next }),
      (error: unknown) => {
        if (request.signal.aborted) return;
        const message = fail(error);
        if (message !== null) setList({ ...LOADING, phase: 'failed', loadError: message });
      },
    );
    return () => {
      request.abort();
      moreRequest.current?.abort();
    };
  }, [site, status, reloads]);

  function loadMore() {
    if (list.next === null || list.loadingMore) return;
    const request = new AbortController();
    moreRequest.current = request;
    setList((shown) => ({ ...shown, loadingMore: true, moreError: null }));
    listErrata({ site, status, cursor: list.next }, request.signal).then(
      (page) =>
        setList((shown) => ({
          ...shown,
          errata: appendPage(shown.errata, page.items),
          next: page.next,
          loadingMore: false,
        })),
      (error: unknown) => {
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

/**
 * The recheck: reads a page as it is now and finds each of its errata again, to tell whether
 * the mistake is still there, was replaced (the fix: a fixed erratum becomes verified), or
 * its sentence is gone. See docs/architecture.md, "Recheck".
 */
import { doublingWaitMs, type ErratumCheck, type ErratumStatus, originOf } from '@errata/core';
import { HostBusy, HostPoliteness } from '../fetch/host-politeness.ts';
import { type FetchOutcome, type SafeFetchOptions, safeFetch } from '../fetch/safe-fetch.ts';
import { findErrata } from '../store/errata-store.ts';
import {
  type CheckJudgement,
  countStillChecked,
  type ErratumRow,
  errataToCheck,
  recordErratumChecks,
} from '../store/erratum-checks-store.ts';
import type { Store } from '../store/open-store.ts';
import {
  findPageCheck,
  type PageCheckRow,
  type PageRef,
  recordPageCheck,
} from '../store/page-checks-store.ts';
import { ErrataError } from './errors.ts';
import type { LiveEvents } from './live-events.ts';
import { SELF_ORIGIN } from './origins.ts';
import { judgeWith } from './recheck-judgement.ts';

/** Next look at a page with errata left to check, after a successful one: a daily pass. */
export const RECHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;
/** First wait after a failed fetch; it doubles with each failure in a row … */
export const RETRY_BASE_MS = 5 * 60 * 1000;
/** … up to a day, so a page that is down for a week is asked about once a day. */
const RETRY_MAX_MS = 24 * 60 * 60 * 1000;

/** What a check needs of the page's site. */
interface SiteToCheck {
  allowed_origins: string;
  root_selector: string | null;
  is_local: number;
}

export interface RecheckOptions {
  /** The server's public URL: what a site's "self" origin stands for. */
  publicUrl: string;
  /** Where changed errata are announced to live dashboards. */
  events?: LiveEvents;
  /** Shared by every recheck of this process, so each host sees one polite reader. */
  politeness?: HostPoliteness;
  /** Next check after a successful one (ms); null: none planned (the periodic pass is off). */
  intervalMs?: number | null;
  /** First wait after a failure (ms). */
  retryBaseMs?: number;
  /** Limits of each fetch (tests make them small). */
  fetch?: Pick<SafeFetchOptions, 'timeoutMs' | 'maxBytes'>;
  /** Told each erratum's verdict (its check state) after a page was checked (/metrics). */
  onVerdicts?: (states: readonly ErratumCheck['state'][]) => void;
}

/** What a recheck of one page found. */
export interface PageRecheck {
  site: string;
  url: string;
  /** How the fetch went; null when the page had no open or fixed errata and was not fetched. */
  fetched: {
    ok: boolean;
    status: number | null;
    /** Why it failed, for a person; null on success. */
    reason: string | null;
    /** The page was unchanged since the last check (HTTP 304). */
    notModified: boolean;
  } | null;
  /** The page's open and fixed errata after the check. */
  errata: { id: string; status: ErratumStatus; check: ErratumCheck }[];
}

export class Rechecker {
  readonly politeness: HostPoliteness;

  constructor(
    private readonly store: Store,
    private readonly options: RecheckOptions,
  ) {
    this.politeness = options.politeness ?? new HostPoliteness();
  }

  /**
   * Fetches the page (politely, safely) and records what became of each of its open and
   * fixed errata. With `waitAtMostMs`, refuses (unavailable) rather than wait longer than
   * that for the host's turn, e.g. while the host's Retry-After runs.
   */
  async recheckPage(page: PageRef, options: { waitAtMostMs?: number } = {}): Promise<PageRecheck> {
    const { db } = this.store;
    const host = new URL(page.url).host;
    const busy = (readyAt: number) =>
      new ErrataError(
        'unavailable',
        `${host} asked not to be fetched for another ${Math.ceil((readyAt - Date.now()) / 1000)} s: the page is checked after that.`,
      );
    const readyAt = this.politeness.readyTime(host);
    if (options.waitAtMostMs !== undefined && readyAt - Date.now() > options.waitAtMostMs) {
      throw busy(readyAt);
    }
    const site = await db
      .selectFrom('sites')
      .select(['id', 'allowed_origins', 'root_selector', 'is_local'])
      .where('id', '=', page.siteId)
      .executeTakeFirst();
    if (!site) throw new ErrataError('not_found', `No site "${page.siteId}".`);
    // The whole check takes the host's turn: a second check of the page, queued behind this
    // one, reads the errata as this one left them.
    const check = this.politeness.run(host, () => this.checkInTurn(page, site, host), options);
    // A check queued behind one that was told to wait (Retry-After) does not wait that long.
    return check.catch((error: unknown) => {
      throw error instanceof HostBusy ? busy(error.readyAt) : error;
    });
  }

  /** The check itself, in the host's turn: fetch, judge, record, publish. */
  private async checkInTurn(page: PageRef, site: SiteToCheck, host: string): Promise<PageRecheck> {
    const { db } = this.store;
    const rows = await errataToCheck(db, page);
    const now = new Date();
    if (rows.length === 0) {
      await recordPageCheck(db, page, {
        checkedAt: now.toISOString(),
        status: null,
        error: null,
        nextCheckAt: null,
      });
      return { site: page.siteId, url: page.url, fetched: null, errata: [] };
    }
    const previous = await findPageCheck(db, page);
    const outcome = await this.fetchPage(page, site, host, rows, previous);
    const { judge, failure } = judgeWith(outcome, site.root_selector, rows, page.url);
    const changed = await this.record(page, rows, { outcome, judge, failure, previous, now });
    const after = await findErrata(
      db,
      rows.map((row) => row.id),
    );
    for (const erratum of after.filter((e) => changed.includes(e.id))) {
      this.options.events?.publish({ type: 'erratum.updated', erratum, cause: 'check', actorId: null });
    }
    this.options.onVerdicts?.(after.map((e) => e.check.state));
    return {
      site: page.siteId,
      url: page.url,
      fetched: {
        ok: outcome.ok && failure === null,
        status: outcome.status,
        reason: failure,
        notModified: outcome.ok && outcome.notModified,
      },
      errata: after.map((e) => ({ id: e.id, status: e.status, check: e.check })),
    };
  }

  /**
   * Fetches the page safely, conditionally when every erratum was judged on the text as last
   * fetched; a Retry-After holds the host for every check of this process.
   */
  private async fetchPage(
    page: PageRef,
    site: SiteToCheck,
    host: string,
    rows: ErratumRow[],
    previous: PageCheckRow | null,
  ): Promise<FetchOutcome> {
    // A conditional GET only when every erratum was judged on the page's text as last
    // fetched (a 304 keeps those verdicts): a new report, one marked fixed since, or one
    // left unreachable by a failed fetch needs the text itself.
    const allJudgedOnLastFetch = rows.every(
      (row) =>
        row.checked_at !== null &&
        (row.status_changed_at ?? '') < row.checked_at &&
        row.check_state !== 'unchecked' &&
        row.check_state !== 'unreachable',
    );
    const validators =
      allJudgedOnLastFetch && previous && (previous.etag !== null || previous.last_modified !== null)
        ? { etag: previous.etag, lastModified: previous.last_modified }
        : undefined;
    const fetched = await safeFetch(page.url, {
      allowedOrigins: this.originsOf(JSON.parse(site.allowed_origins) as string[]),
      local: Number(site.is_local) === 1,
      // Errata's own pages (the demo newsroom) are read on the server's own address, local or not.
      selfUrl: this.options.publicUrl,
      ...(validators ? { validators } : {}),
      ...this.options.fetch,
      userAgent: `Errata-Recheck/1 (+${this.options.publicUrl})`,
    });
    // "Not modified" means nothing when no version was named: there are no verdicts to keep.
    const outcome: FetchOutcome =
      fetched.ok && fetched.notModified && !validators
        ? {
            ok: false,
            reason: 'the server answered 304 Not Modified to a request for the whole page',
            status: 304,
            refused: false,
            retryAfterMs: null,
          }
        : fetched;
    if (!outcome.ok && outcome.retryAfterMs !== null) {
      this.politeness.holdUntil(host, Date.now() + outcome.retryAfterMs);
    }
    return outcome;
  }

  /** Records each erratum's verdict and the page's check with its next one; returns the errata whose check changed. */
  private async record(
    page: PageRef,
    rows: ErratumRow[],
    check: {
      outcome: FetchOutcome;
      judge: (row: ErratumRow) => CheckJudgement | null;
      failure: string | null;
      previous: PageCheckRow | null;
      now: Date;
    },
  ): Promise<string[]> {
    const { db } = this.store;
    const { outcome, failure } = check;
    const checkedAt = new Date().toISOString();
    const changed = await recordErratumChecks(db, rows, check.judge, checkedAt);
    const stillChecked =
      (await countStillChecked(
        db,
        rows.map((row) => row.id),
      )) > 0;
    await recordPageCheck(db, page, {
      checkedAt,
      status: outcome.status,
      error: failure,
      ...(outcome.ok && !outcome.notModified
        ? { validators: { etag: outcome.etag, lastModified: outcome.lastModified } }
        : {}),
      nextCheckAt: this.nextCheckAt(
        failure === null
          ? null
          : {
              failuresBefore: check.previous?.failures ?? 0,
              retryAfterMs: outcome.ok ? null : outcome.retryAfterMs,
            },
        stillChecked,
        check.now,
      ),
    });
    return changed;
  }

  /** The site's allowed origins with "self" read as this server's origin. */
  private originsOf(allowed: string[]): string[] {
    const self = originOf(this.options.publicUrl);
    return allowed.flatMap((origin) => (origin === SELF_ORIGIN ? (self ? [self] : []) : [origin]));
  }

  /** After a success, the periodic pass; after a failure, a backoff that doubles, or the server's Retry-After. */
  private nextCheckAt(
    failed: { failuresBefore: number; retryAfterMs: number | null } | null,
    anyLeft: boolean,
    now: Date,
  ): string | null {
    if (failed === null) {
      const interval = this.options.intervalMs === undefined ? RECHECK_INTERVAL_MS : this.options.intervalMs;
      return anyLeft && interval !== null ? new Date(now.getTime() + interval).toISOString() : null;
    }
    const base = this.options.retryBaseMs ?? RETRY_BASE_MS;
    // + 1: this failure counts too. No jitter: HostPoliteness fetches a host's pages one at a
    // time with a pause between, so pages due together never flood it.
    const backoff = doublingWaitMs(failed.failuresBefore + 1, base, RETRY_MAX_MS);
    return new Date(now.getTime() + Math.max(backoff, failed.retryAfterMs ?? 0)).toISOString();
  }
}

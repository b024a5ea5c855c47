import { setTimeout as sleep } from 'node:timers/promises';
import {
  normalizeText,
  normalizeUrl,
  originOf,
  type ReportInput,
  type ReportReceipt,
  spotKey,
  URL_MAX,
} from '@errata/core';
import { newId } from '../base/ids.ts';
import {
  GROUP_COMMIT_MAX_ITEMS,
  GROUP_COMMIT_MAX_QUEUED,
  GroupCommit,
  QueueFullError,
} from '../store/group-commit.ts';
import type { Store } from '../store/open-store.ts';
import type { Acknowledged, IntakeEntry } from '../store/report-intake-store.ts';
import { storedReceipts } from '../store/reports-store.ts';
import { findSiteByPublicKey, type Site } from '../store/sites-store.ts';
import { type AddressHash, fixedAddressKey } from './address-hash.ts';
import { DEMO_OFF_REPORT, DEMO_SITE, type DemoNewsroom } from './demo-site.ts';
import { ErrataError } from './errors.ts';
import { GroupingPace } from './grouping-pace.ts';
import { GroupingThread } from './grouping-thread.ts';
import { IntakeThread } from './intake-thread.ts';
import { type IntakeWriter, intakeWriterOn } from './intake-writer.ts';
import type { LiveEvents } from './live-events.ts';
import { holdsNul } from './nul-characters.ts';
import { isOriginAllowed } from './origins.ts';
import { readerContactOf } from './reader-contact.ts';
import { ReportAnnouncer } from './report-announcer.ts';
import type { ReportToStore, StoredReport } from './report-batch.ts';
import { type GroupedBatch, type Grouper, ReportGrouper } from './report-grouper.ts';
import { sha256Hex } from './secrets.ts';
import { combineVerdicts, RecentActivity, SPAM_HOLD_SCORE, scoreReportText } from './spam-score.ts';

/** Batches of reports committing at once on PostgreSQL: the next is written while one waits for its commit. */
const BATCHES_IN_FLIGHT_ON_POSTGRES = 2;

/**
 * Most reports acknowledged and not yet grouped before new ones are refused with 503 (the
 * widget keeps them and sends them again): how far the inbox may fall behind in a flood,
 * about ten seconds of grouping on the bench machine (bench/README.md).
 */
export const INTAKE_BACKLOG_MAX = 20_000;

/**
 * Reports acknowledged and not yet grouped past which acknowledging waits for grouping to
 * catch up: in a flood a reader's request takes longer instead of being refused, and
 * acknowledging goes at grouping's pace. Below it a burst is acknowledged at once and grouped after.
 */
export const INTAKE_PACE_FROM = 5_000;
/**
 * Most requests waiting in the write queue while acknowledging is paced; more get 503. Each
 * holds its request's memory, and at grouping's pace (~2,000–4,000 a second on the bench
 * machine) the last of them waits a quarter to half a second.
 */
const PACED_QUEUE_MAX = 1_000;
/** The longest one batch waits for grouping (a stalled grouper must not hold requests for ever: past INTAKE_BACKLOG_MAX they get 503). */
const PACE_WAIT_MAX_MS = 1_000;

/** How often a caller waiting for the erratum looks for it in the database (another instance may group it). */
const RECEIPT_LOOK_EVERY_MS = 200;

/** How long a caller that asked for the erratum (`?wait=erratum`) waits for the grouping. */
const RECEIPT_WAIT_MS = 15_000;

/** Put before a held report's spot key: its fingerprint names another erratum than the same spot's in good faith. */
const HELD_FINGERPRINT_PREFIX = 'held\u001f';

/** How long a site looked up for ingest is reused: reports are the hot path, site edits are rare. */
const SITE_CACHE_MS = 5_000;
/** Most site keys remembered; made-up keys from a flood must not grow memory without bound. */
const SITE_CACHE_MAX = 1_000;

/** Who sent a report, as the HTTP layer saw it. */
export interface ReportSender {
  /** The reader's IP address; only a keyed hash of it is stored. */
  ip: string;
  /** The Origin header, if the browser sent one. */
  origin: string | undefined;
  /** The origin the request was made to (scheme://host), what "self" stands for. */
  requestOrigin: string;
}

/** Where stored reports are announced to live dashboards. */
export interface ReportIngestLive {
  events: LiveEvents;
  /** Told when an announcement fails; the reports are stored all the same. */
  onError: (error: unknown) => void;
}

/** How far grouping may fall behind acknowledging, in reports acknowledged and not yet grouped. */
export interface IntakeLimits {
  /** Past it new reports get 503 (the widget keeps them and sends them again). */
  backlogMax: number;
  /** Past it acknowledging goes at grouping's pace. */
  paceFrom: number;
}

/** A receipt with the erratum the report joined (ReportIngest.ingest). */
export type GroupedReceipt = ReportReceipt & { erratum: NonNullable<ReportReceipt['erratum']> };

/** A report acknowledged whose grouping took longer than a caller waits: it is durable, and grouped later. */
export class GroupingSlowError extends Error {
  constructor(
    readonly reportId: string,
    readonly repeat: boolean,
  ) {
    super(`report ${reportId} is stored; grouping it takes longer than ${RECEIPT_WAIT_MS / 1000} s`);
    this.name = 'GroupingSlowError';
  }
}

/**
 * Takes validated reports in: checks the site and origin, fingerprints the spot, and
 * acknowledges the report once it is durable in the intake (group commit: one transaction
 * for all the reports arriving together). The grouper (report-grouper.ts) then stores it into
 * its erratum, right after, in this process; with `live`, every grouped batch is announced
 * as erratum events.
 */
export class ReportIngest {
  private readonly writer: GroupCommit<ReportToStore, Acknowledged>;
  private readonly intake: IntakeWriter;
  private readonly grouper: Grouper;
  private readonly announcer: ReportAnnouncer | null;
  private readonly sites = new Map<string, { site: Site | null; until: number }>();
  private readonly ipHash: AddressHash;
  private readonly recent = new RecentActivity();
  private readonly pace = new GroupingPace(PACE_WAIT_MAX_MS);
  private readonly limits: IntakeLimits;
  /** Reports this ingest acknowledged and handed to grouping, in all. */
  private acknowledgedHere = 0;

  constructor(
    private readonly store: Store,
    /** How a sender's address is kept: a daily key's hash (address-hash.ts); a string: a fixed key (tests, scripts). */
    ipHash: AddressHash | string,
    live?: ReportIngestLive,
    /** The demo newsroom's switch: while it is off, the demo's site takes no reports. None: always on. */
    private readonly demo?: Pick<DemoNewsroom, 'isOn'>,
    /** How far grouping may fall behind: INTAKE_BACKLOG_MAX and INTAKE_PACE_FROM unless told. */
    limits: Partial<IntakeLimits> = {},
  ) {
    this.limits = { backlogMax: INTAKE_BACKLOG_MAX, paceFrom: INTAKE_PACE_FROM, ...limits };
    this.ipHash = typeof ipHash === 'string' ? fixedAddressKey(ipHash) : ipHash;
    const announcer = live ? new ReportAnnouncer(store, live.events, live.onError) : null;
    this.announcer = announcer;
    const onGrouped = ({ reports, stored }: GroupedBatch) =>
      // Repeats (a retried send) changed nothing worth telling; held reports are for the Spam view only.
      announcer?.announce(
        stored.flatMap((report, index) =>
          report.repeat || reports[index]!.held
            ? []
            : [{ siteId: reports[index]!.siteId, erratumId: report.erratumId }],
        ),
      );
    const onError = live?.onError ?? (() => {});
    // With the intake in a file of its own (SQLite, the server), writing it and grouping have a thread each.
    const apart = store.intake !== store.db;
    this.intake = apart ? new IntakeThread(store, onError) : intakeWriterOn(store.intake);
    this.grouper = apart
      ? new GroupingThread(store, this.intake, onGrouped, onError)
      : new ReportGrouper(store, onGrouped, onError);
    this.writer = new GroupCommit(
      async (batch) => {
        await this.paceToGrouping(batch.length);
        const acknowledged = await this.intake.append(batch.map(intakeEntryOf));
        // Reports stored: whatever kept the database from writing is over (/readyz).
        store.health.succeeded();
        const added = acknowledged.filter((a) => !a.repeat).length;
        this.acknowledgedHere += added;
        this.grouper.added(added);
        return acknowledged;
      },
      GROUP_COMMIT_MAX_ITEMS,
      GROUP_COMMIT_MAX_QUEUED,
      store.kind === 'postgres' ? BATCHES_IN_FLIGHT_ON_POSTGRES : 1,
    );
  }

  /**
   * Takes a report in and answers once it is durable, before it is grouped: the receipt holds
   * its id only; `repeat` is true when its clientId was acknowledged before (nothing new was stored).
   */
  async accept(
    input: ReportInput,
    sender: ReportSender,
  ): Promise<{ receipt: ReportReceipt; repeat: boolean }> {
    const report = await this.validated(input, sender);
    const { reportId, repeat } = await this.submit(report);
    return { receipt: { id: reportId }, repeat };
  }

  /**
   * Takes a report in and answers once it is grouped, with the erratum it joined. Past
   * RECEIPT_WAIT_MS it throws GroupingSlowError: the report is durable all the same, and grouped later.
   */
  async ingest(
    input: ReportInput,
    sender: ReportSender,
  ): Promise<{ receipt: GroupedReceipt; repeat: boolean }> {
    const report = await this.validated(input, sender);
    const grouped = this.grouper.grouped(report.row.id, RECEIPT_WAIT_MS);
    const { reportId, repeat } = await this.submit(report);
    const stored = await this.groupedReceipt(reportId, repeat ? null : grouped);
    if (!stored) throw new GroupingSlowError(reportId, repeat);
    return {
      receipt: {
        id: reportId,
        erratum: { id: stored.erratumId, reports: stored.reports, status: stored.status },
      },
      repeat,
    };
  }

  /**
   * What a report joined, once grouped: told by this instance's grouper, or read from the
   * database (another instance grouped it, or it was grouped before: a repeat); null after RECEIPT_WAIT_MS.
   */
  private async groupedReceipt(
    reportId: string,
    local: Promise<StoredReport | null> | null,
  ): Promise<StoredReport | null> {
    const told = local ?? this.grouper.grouped(reportId, RECEIPT_WAIT_MS);
    let outcome: StoredReport | null | undefined;
    void told.then((stored) => {
      outcome = stored;
    });
    const until = Date.now() + RECEIPT_WAIT_MS;
    for (let look = 0; outcome === undefined && Date.now() < until; look++) {
      // A repeat is looked up at once; a new report is usually told within a few milliseconds.
      if (look > 0 || local) await Promise.race([told, sleep(RECEIPT_LOOK_EVERY_MS)]);
      if (outcome !== undefined) break;
      const [row] = await storedReceipts(this.store.db, 'id', [reportId]);
      if (row) return { ...row, reports: row.ordinal, repeat: local === null };
    }
    return outcome ?? null;
  }

  /** Checks a report and makes the record to store, or refuses it (ErrataError). */
  private async validated(input: ReportInput, sender: ReportSender): Promise<ReportToStore> {
    if (holdsNul(input)) {
      // No page's text holds one, and PostgreSQL's text columns cannot: refused before it can fail a batch.
      throw new ErrataError(
        'invalid',
        'The report contains a NUL character (U+0000), which no page text has.',
      );
    }
    const site = await this.siteFor(input.site);
    if (!site)
      throw new ErrataError('forbidden', `Unknown site "${input.site}": check the embed's data-site.`);
    if (site.id === DEMO_SITE.id && this.demo && !(await this.demo.isOn())) {
      throw new ErrataError('forbidden', DEMO_OFF_REPORT);
    }
    const pageOrigin = originOf(input.url);
    if (pageOrigin === null || normalizeUrl(input.url) === null) {
      throw new ErrataError('invalid', 'url must be an absolute http(s) address.', {
        url: 'is not an http(s) URL',
      });
    }
    if (!isOriginAllowed(site.allowedOrigins, pageOrigin, sender.requestOrigin)) {
      throw new ErrataError('forbidden', `Pages at ${pageOrigin} may not report to the site "${site.id}".`);
    }
    const reported = reportedPageUrl(input, site.allowedOrigins, sender.requestOrigin);
    const pageUrl = normalizeUrl(reported) as string;
    const key = spotKey(reported, input.quote) as string;
    if (
      sender.origin !== undefined &&
      !isOriginAllowed(site.allowedOrigins, sender.origin, sender.requestOrigin)
    ) {
      throw new ErrataError(
        'forbidden',
        `Pages at ${sender.origin} may not report to the site "${site.id}".`,
      );
    }

    const now = new Date();
    const createdAt = now.toISOString();
    const suggestion = input.suggestion?.trim() ? input.suggestion : null;
    const reportId = newId(now.getTime());
    const readerContact = readerContactOf(input, site, reportId, now);
    const comment = input.comment?.trim() ? input.comment : null;
    // A key of the day makes one reader's reports linkable within a day (for throttling and spam scoring), not across days.
    const ipHash = await this.ipHash.hashOf(sender.ip, createdAt.slice(0, 10));
    const spam = combineVerdicts(
      scoreReportText({ quote: input.quote, suggestion, comment, website: input.website }),
      this.recent.observe({ siteId: site.id, pageUrl, comment, addressHash: ipHash, at: now.getTime() }),
    );
    const held = spam.score >= SPAM_HOLD_SCORE;
    return {
      // Held reports group apart: they never join, or are joined by, what readers reported in good faith.
      fingerprint: sha256Hex(held ? `${HELD_FINGERPRINT_PREFIX}${key}` : key),
      pageUrl,
      newErratumId: newId(now.getTime()),
      ...(readerContact ? { readerContact } : {}),
      ...(held ? { held: spam.reasons } : {}),
      row: {
        id: reportId,
        site_id: site.id,
        url: reported,
        title: input.title ?? null,
        lang: input.lang ?? null,
        quote_exact: input.quote.exact,
        quote_prefix: input.quote.prefix,
        quote_suffix: input.quote.suffix,
        position_start: input.position.start,
        position_end: input.position.end,
        root_selector: input.root?.selector ?? null,
        root_index: input.root?.index ?? null,
        suggestion,
        suggestion_key: suggestion === null ? null : normalizeText(suggestion),
        comment,
        ip_hash: ipHash,
        created_at: createdAt,
        client_id: input.clientId ?? null,
        kind: input.kind ?? 'typo',
        spam_score: spam.score,
        spam_reasons: spam.score > 0 ? JSON.stringify(spam.reasons) : null,
      },
    };
  }

  /**
   * Queues a report for group commit; a full queue or too long a backlog of reports to group
   * (a flood) is a 503 the widget retries later.
   */
  private submit(report: ReportToStore): Promise<Acknowledged> {
    const backlog = this.grouper.backlog;
    if (
      backlog >= this.limits.backlogMax ||
      (backlog >= this.limits.paceFrom && this.writer.depth >= PACED_QUEUE_MAX)
    ) {
      return Promise.reject(
        new ErrataError(
          'unavailable',
          'Errata is taking in too many reports right now: try again in a moment.',
        ),
      );
    }
    return this.writer.submit(report).catch((error: unknown) => {
      if (error instanceof QueueFullError) {
        throw new ErrataError(
          'unavailable',
          'Errata is taking in too many reports right now: try again in a moment.',
        );
      }
      throw error;
    });
  }

  /** Once too many reports wait to be grouped (INTAKE_PACE_FROM), spaces batches at grouping's pace (grouping-pace.ts). */
  private async paceToGrouping(count: number): Promise<void> {
    const backlog = this.grouper.backlog;
    const paced = backlog >= this.limits.paceFrom;
    // Less what waited before this start, and any recount: a step the pace (a difference over
    // the last second) misreads for at most a second, waiting at most PACE_WAIT_MAX_MS meanwhile.
    const wait = this.pace.waitFor(count, this.acknowledgedHere - backlog, paced);
    if (wait > 0) await sleep(wait);
  }

  /** The write queue as /metrics watches it: reports waiting, and each batch's size. */
  get writeQueue(): Pick<GroupCommit<ReportToStore, Acknowledged>, 'depth' | 'watchBatches'> {
    return this.writer;
  }

  /** Grouping as /metrics watches it: reports acknowledged and not yet grouped, and how long each waited. */
  get grouping(): Pick<Grouper, 'backlog' | 'watchLag'> {
    return this.grouper;
  }

  /** Resolves once every accepted report is acknowledged, grouped and announced. */
  async drained(): Promise<void> {
    await this.writer.drained();
    await this.grouper.drained();
    await this.announcer?.drained();
  }

  /**
   * For a graceful stop, once no request adds reports: acknowledges what is queued, ends the
   * grouping batch under way and stops; what still waits is grouped on the next start.
   */
  async stop(): Promise<void> {
    await this.writer.drained();
    await this.grouper.close();
    await this.intake.close();
    await this.announcer?.drained();
  }

  private async siteFor(publicKey: string): Promise<Site | null> {
    const cached = this.sites.get(publicKey);
    if (cached && cached.until > Date.now()) return cached.site;
    const site = await findSiteByPublicKey(this.store.db, publicKey);
    if (this.sites.size >= SITE_CACHE_MAX) this.sites.clear();
    this.sites.set(publicKey, { site, until: Date.now() + SITE_CACHE_MS });
    return site;
  }
}

function intakeEntryOf(report: ReportToStore): IntakeEntry {
  return {
    id: report.row.id,
    siteId: report.row.site_id,
    clientId: report.row.client_id ?? null,
    createdAt: report.row.created_at,
    payload: JSON.stringify(report),
  };
}

/**
 * The address a report names its page by: the page's canonical link when that is on one of
 * the site's origins (a www and a bare host, an AMP copy: one page, one set of errata), else
 * the address the browser loaded, whose origin was checked. A canonical naming another
 * host (a syndicated copy, a staging template) is not the site's page and is not trusted.
 */
export function reportedPageUrl(
  input: Pick<ReportInput, 'url' | 'canonical'>,
  allowedOrigins: readonly string[],
  requestOrigin: string,
): string {
  // Past URL_MAX a canonical is a template's mistake: ignored, rather than the report refused.
  const canonical = input.canonical?.split('#')[0];
  const canonicalOrigin = canonical && canonical.length <= URL_MAX ? originOf(canonical) : null;
  return canonical &&
    canonicalOrigin !== null &&
    isOriginAllowed(allowedOrigins, canonicalOrigin, requestOrigin)
    ? canonical
    : input.url;
}

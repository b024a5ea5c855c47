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
import { isDuplicateClientId } from '../store/reports-store.ts';
import { findSiteByPublicKey, type Site } from '../store/sites-store.ts';
import { type AddressHash, fixedAddressKey } from './address-hash.ts';
import { DEMO_OFF_REPORT, DEMO_SITE, type DemoNewsroom } from './demo-site.ts';
import { ErrataError } from './errors.ts';
import type { LiveEvents } from './live-events.ts';
import { isOriginAllowed } from './origins.ts';
import { readerContactOf } from './reader-contact.ts';
import { ReportAnnouncer } from './report-announcer.ts';
import { type ReportToStore, type StoredReport, storeReportBatch } from './report-batch.ts';
import { sha256Hex } from './secrets.ts';
import { combineVerdicts, RecentActivity, SPAM_HOLD_SCORE, scoreReportText } from './spam-score.ts';

/** Batches of reports committing at once on PostgreSQL: the next is written while one waits for its commit. */
const BATCHES_IN_FLIGHT_ON_POSTGRES = 2;

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

/**
 * Takes validated reports in: checks the site and origin, fingerprints the spot, and
 * stores the report through group commit. Resolves only once the report is durable; with
 * `live`, every committed batch is then announced as erratum events.
 */
export class ReportIngest {
  private readonly writer: GroupCommit<ReportToStore, StoredReport>;
  private readonly announcer: ReportAnnouncer | null;
  private readonly sites = new Map<string, { site: Site | null; until: number }>();
  private readonly ipHash: AddressHash;
  private readonly recent = new RecentActivity();

  constructor(
    private readonly store: Store,
    /** How a sender's address is kept: a daily key's hash (address-hash.ts); a string: a fixed key (tests, scripts). */
    ipHash: AddressHash | string,
    live?: ReportIngestLive,
    /** The demo newsroom's switch: while it is off, the demo's site takes no reports. None: always on. */
    private readonly demo?: Pick<DemoNewsroom, 'isOn'>,
  ) {
    this.ipHash = typeof ipHash === 'string' ? fixedAddressKey(ipHash) : ipHash;
    const announcer = live ? new ReportAnnouncer(store, live.events, live.onError) : null;
    this.announcer = announcer;
    this.writer = new GroupCommit(
      async (batch) => {
        // A send stored meanwhile by another batch under the same client id: once more, it is a repeat.
        const stored = await storeReportBatch(store.db, batch).catch((error: unknown) => {
          if (isDuplicateClientId(error)) return storeReportBatch(store.db, batch);
          throw error;
        });
        // Reports stored: whatever kept the database from writing is over (/readyz).
        store.health.succeeded();
        // Repeats (a retried send) changed nothing worth telling; held reports are for the Spam view only.
        announcer?.announce(
          stored.flatMap((report, index) =>
            report.repeat || batch[index]!.held
              ? []
              : [{ siteId: batch[index]!.row.site_id, erratumId: report.erratumId }],
          ),
        );
        return stored;
      },
      GROUP_COMMIT_MAX_ITEMS,
      GROUP_COMMIT_MAX_QUEUED,
      store.kind === 'postgres' ? BATCHES_IN_FLIGHT_ON_POSTGRES : 1,
    );
  }

  /** Stores a report; `repeat` is true when its clientId was stored before (nothing new was counted). */
  async ingest(
    input: ReportInput,
    sender: ReportSender,
  ): Promise<{ receipt: ReportReceipt; repeat: boolean }> {
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
    const stored = await this.submit({
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
    });
    return {
      receipt: {
        id: stored.reportId,
        erratum: { id: stored.erratumId, reports: stored.reports, status: stored.status },
      },
      repeat: stored.repeat,
    };
  }

  /** Queues a report for group commit; a full queue (a flood) is a 503 the widget retries later. */
  private submit(report: ReportToStore): Promise<StoredReport> {
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

  /** The write queue as /metrics watches it: reports waiting, and each batch's size. */
  get writeQueue(): Pick<GroupCommit<ReportToStore, StoredReport>, 'depth' | 'watchBatches'> {
    return this.writer;
  }

  /** Resolves once every accepted report is committed, and announced. */
  async drained(): Promise<void> {
    await this.writer.drained();
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

/** Whether any text in a value (strings, arrays, objects) contains U+0000. */
function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value !== null && typeof value === 'object') return Object.values(value).some(holdsNul);
  return false;
}

/**
 * The proofreader in the product (issue 13): reads a page of a site as the recheck reads it
 * (safe fetch, politeness, the article text the widget measures in), runs the engine of
 * `@errata/proofreader` on it, and turns the findings it is sure of into errata with source
 * 'proofreader' and no reader's report. The same road finds a fixed mistake's wrong form on
 * the site's other pages (same-mistake). See docs/architecture.md, "The proofreader".
 */
import {
  anchor,
  describeRange,
  type ErratumFinding,
  type ProofreadResult,
  priorityOf,
  searchTextOf,
  spotKey,
} from '@errata/core';
import { capitalisedNames, check, PRODUCT_CONFIDENCE_THRESHOLD } from '@errata/proofreader';
import { newId } from '../base/ids.ts';
import { HostPoliteness } from '../fetch/host-politeness.ts';
import { type FetchOutcome, type SafeFetchOptions, safeFetch } from '../fetch/safe-fetch.ts';
import { findErrata } from '../store/errata-store.ts';
import { parseDesks } from '../store/inbox-sites.ts';
import type { Store } from '../store/open-store.ts';
import type { PageRef } from '../store/page-checks-store.ts';
import {
  countPageNames,
  knownPagesOf,
  learnedNames,
  listSiteWords,
  type PageSpot,
  type ProofreadTrigger,
  spotsOnPage,
} from '../store/proofread-store.ts';
import { lockPages } from '../store/row-locks.ts';
import { ErrataError } from './errors.ts';
import type { LiveEvents } from './live-events.ts';
import { SELF_ORIGIN } from './origins.ts';
import { type ReadPage, readDocument } from './proofread-document.ts';
import { sameMistakeIn, sitemapUrls } from './same-mistake.ts';
import { sha256Hex } from './secrets.ts';

/** A name seen on this many of a site's pages is a name, not a mistake: it is passed as a known word. */
export const LEARNED_NAME_PAGES = 3;
/** Most pages a same-mistake search reads: a site's sitemap can list thousands. */
export const SAME_MISTAKE_PAGES_MAX = 200;
/** Rules whose dismissal teaches the site its word: what they flag is a word, the site says it is right. */
export const WORD_TEACHING_RULES: readonly string[] = ['spelling', 'consistency', 'split-word'];

/** What the proofreader needs of a site. */
interface SiteToRead {
  id: string;
  allowed_origins: string;
  root_selector: string | null;
  is_local: number;
  default_lang: string | null;
  desks: string | null;
}

/** An erratum the proofreader proposes at a range of a page's text. */
interface Proposal {
  start: number;
  end: number;
  finding: ErratumFinding;
  proposedFrom?: { id: string; url: string };
}

/** A same-mistake job's details: the fixed erratum, its wrong form and its correction. */
export interface SameMistakeJob {
  siteId: string;
  erratumId: string;
  /** The fixed erratum's page: not searched again. */
  url: string;
  wrong: string;
  correction: string;
}

export interface ProofreaderOptions {
  /** The server's public URL: what a site's "self" origin stands for (the demo newsroom). */
  publicUrl: string;
  /** Shared with the recheck, so each host sees one polite reader. */
  politeness?: HostPoliteness;
  /** Where new errata are announced to live dashboards. */
  events?: LiveEvents;
  /** Limits of each fetch (tests make them small). */
  fetch?: Pick<SafeFetchOptions, 'timeoutMs' | 'maxBytes'>;
}

export class Proofreader {
  readonly politeness: HostPoliteness;

  constructor(
    private readonly store: Store,
    private readonly options: ProofreaderOptions,
  ) {
    this.politeness = options.politeness ?? new HostPoliteness();
  }

  /**
   * Reads a page and proposes the mistakes found at or above the product's threshold, except
   * where an erratum of the page already stands or one with the same words was rejected.
   * Throws a readable ErrataError when the page cannot be read (unprocessable: 422).
   */
  async proofreadPage(page: PageRef, trigger: ProofreadTrigger): Promise<ProofreadResult> {
    const site = await this.site(page.siteId);
    const read = await this.read(site, page.url);
    if (!read.ok) {
      throw new ErrataError('unprocessable', `Errata could not read ${page.url}: ${read.reason}.`);
    }
    const lang = (await this.langOf(page, read.page)) ?? site.default_lang ?? 'en';
    await countPageNames(this.store.db, {
      siteId: site.id,
      url: page.url,
      names: capitalisedNames(read.page.text, lang),
      now: new Date().toISOString(),
    });
    const knownWords = await this.knownWordsOf(site.id);
    const findings = (await check(read.page.text, { lang, knownWords })).filter(
      (finding) => finding.confidence >= PRODUCT_CONFIDENCE_THRESHOLD,
    );
    const created = await this.propose(
      site,
      { ...read.page, url: page.url },
      lang,
      findings.map((f) => ({
        start: f.start,
        end: f.end,
        finding: { rule: f.rule, message: f.message, suggestions: f.suggestions, confidence: f.confidence },
      })),
      trigger,
    );
    return { url: page.url, findings: findings.length, created: created.length, errata: created };
  }

  /**
   * Looks for a fixed erratum's wrong form on its own page, first, and on the site's other known
   * pages (reported, rechecked, read, or in a sitemap.xml of its origins), and proposes an
   * erratum at each place; on the fixed page, neither at the spot fixed nor where another
   * erratum stands (propose leaves out every place an erratum of the page holds). A page that
   * cannot be read is skipped. Says in the fixed erratum's history what it searched and found.
   */
  async findSameMistake(job: SameMistakeJob): Promise<{ pages: number; proposals: number }> {
    const site = await this.site(job.siteId);
    const pages = await this.pagesToSearch(site, job.url);
    let searched = 0;
    let proposals = 0;
    for (const url of pages) {
      const read = await this.read(site, url);
      if (!read.ok) continue;
      searched++;
      const lang = read.page.htmlLang ?? site.default_lang ?? 'en';
      await countPageNames(this.store.db, {
        siteId: site.id,
        url,
        names: capitalisedNames(read.page.text, lang),
        now: new Date().toISOString(),
      });
      const found = sameMistakeIn(read.page.text, job.wrong, job.correction).map((spot) => ({
        start: spot.start,
        end: spot.end,
        finding: {
          rule: 'same-mistake',
          message:
            url === job.url
              ? `Fixed elsewhere on this page: “${job.wrong}” → “${job.correction}”.`
              : `Fixed on ${job.url}: “${job.wrong}” → “${job.correction}”.`,
          suggestions: [spot.correction],
          confidence: 1,
        },
        proposedFrom: { id: job.erratumId, url: job.url },
      }));
      if (found.length > 0) {
        proposals += (await this.propose(site, { ...read.page, url }, lang, found, 'fix')).length;
      }
    }
    await this.store.db
      .insertInto('erratum_events')
      .values({
        id: newId(),
        erratum_id: job.erratumId,
        site_id: job.siteId,
        actor_id: null,
        type: 'same_mistake_searched',
        data: JSON.stringify({ wrong: job.wrong, correction: job.correction, pages: searched, proposals }),
        created_at: new Date().toISOString(),
      })
      .execute();
    return { pages: searched, proposals };
  }

  /** The site's words and the names seen on LEARNED_NAME_PAGES of its pages. */
  async knownWordsOf(siteId: string): Promise<string[]> {
    const [words, names] = await Promise.all([
      listSiteWords(this.store.db, siteId),
      learnedNames(this.store.db, siteId, LEARNED_NAME_PAGES),
    ]);
    return [...new Set([...words.map((w) => w.word), ...names])];
  }

  /** The origins the site's pages may be fetched on, "self" read as this server's. */
  originsOf(site: Pick<SiteToRead, 'allowed_origins'>): string[] {
    let self: string | null = null;
    try {
      self = new URL(this.options.publicUrl).origin;
    } catch {
      self = null;
    }
    return (JSON.parse(site.allowed_origins) as string[]).flatMap((origin) =>
      origin === SELF_ORIGIN ? (self ? [self] : []) : [origin],
    );
  }

  private async site(siteId: string): Promise<SiteToRead> {
    const site = await this.store.db
      .selectFrom('sites')
      .select(['id', 'allowed_origins', 'root_selector', 'is_local', 'default_lang', 'desks'])
      .where('id', '=', siteId)
      .executeTakeFirst();
    if (!site) throw new ErrataError('not_found', `No site "${siteId}".`);
    return site;
  }

  /** The page's language: an erratum's of the page (the reader's browser said), else its <html lang>. */
  private async langOf(page: PageRef, read: ReadPage): Promise<string | null> {
    const row = await this.store.db
      .selectFrom('errata')
      .select('lang')
      .where('site_id', '=', page.siteId)
      .where('url', '=', page.url)
      .where('lang', 'is not', null)
      .limit(1)
      .executeTakeFirst();
    return row?.lang ?? read.htmlLang;
  }

  /** Fetches a document of the site politely and safely. */
  private fetch(site: SiteToRead, url: string, accept: 'html' | 'xml'): Promise<FetchOutcome> {
    const host = new URL(url).host;
    return this.politeness.run(host, () =>
      safeFetch(url, {
        allowedOrigins: this.originsOf(site),
        local: Number(site.is_local) === 1,
        selfUrl: this.options.publicUrl,
        accept,
        ...this.options.fetch,
        userAgent: `Errata-Proofreader/1 (+${this.options.publicUrl})`,
      }),
    );
  }

  /** Fetches a page and reads its article text under the site's root (as the widget's default root). */
  private async read(
    site: SiteToRead,
    url: string,
  ): Promise<{ ok: true; page: ReadPage } | { ok: false; reason: string }> {
    const fetched = await this.fetch(site, url, 'html');
    if (!fetched.ok) {
      if (fetched.retryAfterMs !== null)
        this.politeness.holdUntil(new URL(url).host, Date.now() + fetched.retryAfterMs);
      return { ok: false, reason: fetched.reason };
    }
    return { ok: true, page: readDocument(fetched.body, site.root_selector, url) };
  }

  /** Pages a same-mistake search reads: the fixed one first, then known pages and sitemaps' pages. */
  private async pagesToSearch(site: SiteToRead, fixedUrl: string): Promise<string[]> {
    const origins = this.originsOf(site);
    const pages = new Set(await knownPagesOf(this.store.db, site.id, SAME_MISTAKE_PAGES_MAX * 2));
    for (const origin of origins) {
      if (pages.size >= SAME_MISTAKE_PAGES_MAX * 2) break;
      const sitemap = await this.fetch(site, `${origin}/sitemap.xml`, 'xml');
      if (!sitemap.ok) continue;
      for (const url of sitemapUrls(sitemap.body, origins)) pages.add(url);
    }
    pages.delete(fixedUrl);
    return [fixedUrl, ...pages].slice(0, SAME_MISTAKE_PAGES_MAX);
  }

  /**
   * Stores proposals as errata of a page, under the page's lock (a report of the same spot
   * arriving meanwhile is compared after): not where an erratum of the page stands (any
   * status), nor with the words of one rejected there. Returns the new errata's ids.
   */
  private async propose(
    site: SiteToRead,
    page: ReadPage,
    lang: string,
    proposals: readonly Proposal[],
    trigger: ProofreadTrigger,
  ): Promise<string[]> {
    if (proposals.length === 0) return [];
    const now = new Date().toISOString();
    const desks = parseDesks(site.desks);
    const created = await this.store.db.transaction().execute(async (trx) => {
      await lockPages(trx, [`${site.id}\u001f${page.url}`]);
      const spots = await spotsOnPage(trx, site.id, page.url);
      const taken = spots.flatMap((spot) => placesOf(page.text, spot));
      const rejected = new Set(
        spots.filter((s) => s.status === 'rejected' || s.status === 'spam').map((s) => s.exact),
      );
      const fingerprints = new Set(spots.map((s) => s.fingerprint));
      const ids: string[] = [];
      for (const proposal of proposals) {
        const range = describeRange(page.text, proposal.start, proposal.end);
        if (!range) continue;
        const { quote, position } = range;
        if (rejected.has(quote.exact)) continue;
        if (taken.some((t) => t.start < position.end && position.start < t.end)) continue;
        const key = spotKey(page.url, quote);
        if (key === null) continue;
        const fingerprint = sha256Hex(key);
        if (fingerprints.has(fingerprint)) continue;
        const id = newId();
        const inserted = await trx
          .insertInto('errata')
          .values({
            id,
            site_id: site.id,
            fingerprint,
            url: page.url,
            title: page.title,
            lang,
            quote_exact: quote.exact,
            quote_prefix: quote.prefix,
            quote_suffix: quote.suffix,
            position_start: position.start,
            position_end: position.end,
            root_selector: page.root?.selector ?? null,
            root_index: page.root?.index ?? null,
            status: 'open',
            report_count: 0,
            first_reported_at: now,
            last_reported_at: now,
            status_changed_at: null,
            status_changed_by: null,
            kind: 'typo',
            desk: desks.typo ?? null,
            source: 'proofreader',
            priority: priorityOf(0, now),
            search_text: searchTextOf([quote.exact, ...proposal.finding.suggestions]),
            finding: JSON.stringify(proposal.finding),
            proposed_from: proposal.proposedFrom ? JSON.stringify(proposal.proposedFrom) : null,
          })
          .onConflict((oc) => oc.columns(['site_id', 'fingerprint']).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) continue;
        taken.push(position);
        fingerprints.add(fingerprint);
        ids.push(id);
        await trx
          .insertInto('erratum_events')
          .values({
            id: newId(),
            erratum_id: id,
            site_id: site.id,
            actor_id: null,
            type: 'proofread',
            data: JSON.stringify({
              rule: proposal.finding.rule,
              trigger,
              ...(proposal.proposedFrom ? { proposedFrom: proposal.proposedFrom.id } : {}),
            }),
            created_at: now,
          })
          .execute();
      }
      return ids;
    });
    // A new erratum in the inbox, live; as a check of the page, not a reader's report (nothing unseen is counted).
    const { events } = this.options;
    if (created.length > 0 && events?.isWatched(site.id)) {
      for (const erratum of await findErrata(this.store.db, created)) {
        events.publish({ type: 'erratum.updated', erratum, cause: 'check', actorId: null });
      }
    }
    return created;
  }
}

/**
 * Where an erratum's spot stands in the page's text now: where it was reported, and where its
 * quote anchors today (the page may have changed since, or the reader's text model counted
 * differently), so the proofreader never proposes the words a reader already reported.
 */
function placesOf(text: string, spot: PageSpot): { start: number; end: number }[] {
  const reported = { start: spot.start, end: spot.end };
  const now = anchor(text, { exact: spot.exact, prefix: spot.prefix, suffix: spot.suffix }, reported);
  return now.start !== undefined && now.end !== undefined
    ? [reported, { start: now.start, end: now.end }]
    : [reported];
}

/**
 * The public corrections log of a site that opted in (sites.public_log): its verified
 * corrections, newest first, for the /c/<site> page, its feeds, and an article's footnote.
 */
import { normalizeUrl } from '@errata/core';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { ErrataError } from './errors.ts';

/** Corrections listed at most on the page and in the feeds: about a year of a busy newsroom's fixes. */
export const CORRECTIONS_LOG_MAX = 200;
/** Corrections of one article at most, for its footnote. */
export const ARTICLE_CORRECTIONS_MAX = 50;

/** One verified correction as the public sees it: nothing about readers or editors. */
export interface Correction {
  /** The erratum's id: stable, for feed item ids. */
  id: string;
  /** The page corrected. */
  url: string;
  /** The page's title when the widget sent one. */
  title: string | null;
  /** What the page said (the reported quote). */
  was: string;
  /** What it says now, as the recheck found it. */
  now: string | null;
  /** The editor's public note, if any. */
  note: string | null;
  /** ISO time the recheck saw the correction on the live page. */
  verifiedAt: string;
}

/** A site whose log is public. */
export interface PublicLogSite {
  id: string;
  name: string;
}

/** The site, if it publishes its log; otherwise a not_found that says so, the same whether or not the site exists. */
export async function publicLogSite(db: Kysely<Database>, siteId: string): Promise<PublicLogSite> {
  const row = await db
    .selectFrom('sites')
    .select(['id', 'name'])
    .where('id', '=', siteId)
    .where('public_log', '=', 1)
    .executeTakeFirst();
  if (!row) {
    throw new ErrataError(
      'not_found',
      `No public corrections log for "${siteId}": the site does not exist or does not publish its corrections.`,
    );
  }
  return row;
}

/** A site's verified corrections, newest first; with `url`, only that article's. */
export async function listCorrections(
  db: Kysely<Database>,
  siteId: string,
  options: { url?: string; limit?: number } = {},
): Promise<Correction[]> {
  let query = db
    .selectFrom('errata')
    .select(['id', 'url', 'title', 'quote_exact', 'replaced_by', 'public_note', 'verified_at'])
    .where('site_id', '=', siteId)
    .where('status', '=', 'verified')
    .where('verified_at', 'is not', null);
  if (options.url !== undefined) {
    const url = normalizeUrl(options.url);
    if (url === null) {
      throw new ErrataError('invalid', 'url must be an absolute http(s) address.', {
        url: 'is not an http(s) URL',
      });
    }
    query = query.where('url', '=', url);
  }
  const rows = await query
    .orderBy('verified_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit ?? CORRECTIONS_LOG_MAX)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    url: row.url,
    title: row.title,
    was: row.quote_exact,
    now: row.replaced_by,
    note: row.public_note,
    verifiedAt: row.verified_at as string,
  }));
}

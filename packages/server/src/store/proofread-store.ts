import type { SiteWord, SiteWordSource } from '@errata/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import { newId } from '../base/ids.ts';
import type { Database, ProofreadJobTable } from './schema.ts';
import { inListOfShape, type UnionBranch, unionAllInShapes } from './statement-shapes.ts';

export type ProofreadJobRow = Selectable<ProofreadJobTable>;

/** What starts a proofreading: a page's first report, an editor's "Proofread page", an erratum marked fixed. */
export type ProofreadTrigger = 'report' | 'editor' | 'fix';

/** Most names remembered per site: the rarest (fewest pages, longest unseen) are forgotten first. */
export const LEARNED_NAMES_MAX = 5_000;

/** A page where a report batch made errata, with the ids of those it made. */
export interface PageWithNewErrata {
  siteId: string;
  url: string;
  newErratumIds: readonly string[];
}

/** Most branches of one UNION ALL (a power of two), as for the errata look-ups (reports-store.ts). */
const PAGES_PER_QUERY = 64;

/**
 * Queues, in the report batch's transaction, the pages whose first erratum the batch made, on
 * sites that proofread on first report. One statement finds those pages among the batch's (a
 * busy site's batches make new errata on pages reported before, which need nothing); each
 * is then queued under a unique dedupe key, so a page's first report queues it once, however
 * many instances race.
 */
export async function enqueueFirstReportedPages(
  trx: Kysely<Database>,
  pages: readonly PageWithNewErrata[],
  now: string,
): Promise<void> {
  // No new erratum there: the page had errata before, so it was queued (or not wanted) then.
  const withNew = pages.filter((page) => page.newErratumIds.length > 0);
  // Most sites do not proofread on first report: their pages need no look-up at all.
  const proofreading = await sitesProofreadingOnFirstReport(trx, [...new Set(withNew.map((p) => p.siteId))]);
  const candidates = withNew.filter((page) => proofreading.has(page.siteId));
  for (const page of await firstReportedPages(trx, candidates)) {
    await trx
      .insertInto('proofread_jobs')
      .values({
        id: newId(),
        site_id: page.siteId,
        kind: 'page',
        url: page.url,
        trigger: 'report',
        dedupe_key: `page:${page.url}`,
        state: 'pending',
        run_after: now,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(['site_id', 'dedupe_key']).doNothing())
      .execute();
  }
}

/** Those of the sites that proofread a page on its first report. */
async function sitesProofreadingOnFirstReport(
  trx: Kysely<Database>,
  siteIds: readonly string[],
): Promise<Set<string>> {
  if (siteIds.length === 0) return new Set();
  const rows = await trx
    .selectFrom('sites')
    .select('id')
    .where('id', 'in', inListOfShape(siteIds))
    .where('proofread_on_first_report', '=', 1)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** A page's look-up: up to `most` of its errata's ids. */
interface PageErrataLookup {
  page: number;
  siteId: string;
  url: string;
  most: number;
}

const PAGE_ERRATA: UnionBranch<PageErrataLookup> = {
  name: 'page errata',
  build: (db, p) =>
    db
      .selectFrom((eb) =>
        eb
          .selectFrom('errata')
          .select([sql<number>`${p.page}`.as('page'), 'errata.id'])
          .where('errata.site_id', '=', p.siteId)
          .where('errata.url', '=', p.url)
          .limit(p.most)
          .as('page_errata'),
      )
      .selectAll(),
  parametersOf: (p) => [p.page, p.siteId, p.url, p.most],
  filler: { page: -1, siteId: '', url: '', most: 0 },
};

/**
 * The pages with no erratum but the new ones. Each page's look-up reads one erratum more than
 * it made: a page holding any other shows one id not among the new. The look-up's shape does
 * not depend on how many errata each page made (unionAllInShapes).
 */
async function firstReportedPages(
  trx: Kysely<Database>,
  pages: readonly PageWithNewErrata[],
): Promise<PageWithNewErrata[]> {
  const lookups = pages.map((page, index) => ({
    page: index,
    siteId: page.siteId,
    url: page.url,
    most: page.newErratumIds.length + 1,
  }));
  const rows = await unionAllInShapes<PageErrataLookup, { page: number; id: string }>(
    trx,
    PAGE_ERRATA,
    lookups,
    PAGES_PER_QUERY,
  );
  const reportedBefore = new Set<number>();
  for (const row of rows) {
    const page = pages[Number(row.page)] as PageWithNewErrata;
    if (!page.newErratumIds.includes(row.id)) reportedBefore.add(Number(row.page));
  }
  return pages.filter((_, index) => !reportedBefore.has(index));
}

/** Queues a job; returns its id, or null when a job with the same dedupe key exists. */
export async function enqueueProofreadJob(
  db: Kysely<Database>,
  job: {
    siteId: string;
    kind: 'page' | 'same-mistake';
    url: string;
    trigger: ProofreadTrigger;
    dedupeKey?: string | null;
    payload?: Record<string, unknown>;
    state?: 'pending' | 'running';
    now: string;
  },
): Promise<string | null> {
  const id = newId();
  const result = await db
    .insertInto('proofread_jobs')
    .values({
      id,
      site_id: job.siteId,
      kind: job.kind,
      url: job.url,
      trigger: job.trigger,
      dedupe_key: job.dedupeKey ?? null,
      payload: JSON.stringify(job.payload ?? {}),
      state: job.state ?? 'pending',
      run_after: job.now,
      leased_until: null,
      lease_owner: null,
      last_error: null,
      result: null,
      created_at: job.now,
      finished_at: null,
    })
    .onConflict((oc) => oc.columns(['site_id', 'dedupe_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0 ? id : null;
}

/** A site's runs of one trigger since `since`: how many, and when the oldest began. */
export async function recentRuns(
  db: Kysely<Database>,
  siteId: string,
  trigger: ProofreadTrigger,
  since: string,
): Promise<{ count: number; oldest: string | null }> {
  const row = await db
    .selectFrom('proofread_jobs')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('created_at').as('oldest')])
    .where('site_id', '=', siteId)
    .where('trigger', '=', trigger)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), oldest: (row.oldest as string | null) ?? null };
}

/**
 * Claims up to `limit` jobs that are due (pending, or running under a lease that ran out: its
 * instance died) for `owner` until `leasedUntil`. Each claim is one UPDATE that checks the
 * state again, so two instances never both take a job.
 */
export async function claimDueJobs(
  db: Kysely<Database>,
  claim: { now: string; limit: number; leasedUntil: string; owner: string; exceptSites?: readonly string[] },
): Promise<ProofreadJobRow[]> {
  let query = db
    .selectFrom('proofread_jobs')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'pending'), eb('run_after', '<=', claim.now)]),
        eb.and([eb('state', '=', 'running'), eb('leased_until', '<=', claim.now)]),
      ]),
    );
  if (claim.exceptSites && claim.exceptSites.length > 0)
    query = query.where('site_id', 'not in', [...claim.exceptSites]);
  const due = await query.orderBy('run_after').limit(claim.limit).execute();
  const claimed: ProofreadJobRow[] = [];
  for (const job of due) {
    const result = await db
      .updateTable('proofread_jobs')
      .set({
        state: 'running',
        leased_until: claim.leasedUntil,
        lease_owner: claim.owner,
        attempts: job.attempts + 1,
      })
      .where('id', '=', job.id)
      .where('state', '=', job.state)
      .where('attempts', '=', job.attempts)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) claimed.push({ ...job, attempts: job.attempts + 1 });
  }
  return claimed;
}

/** Records a job's end: done with its result, failed for good, or pending again at `retryAt`. */
export async function finishJob(
  db: Kysely<Database>,
  id: string,
  outcome:
    | { state: 'done'; result: unknown; now: string }
    | { state: 'failed'; error: string; now: string }
    | { state: 'pending'; error: string; retryAt: string },
): Promise<void> {
  await db
    .updateTable('proofread_jobs')
    .set(
      outcome.state === 'done'
        ? {
            state: 'done',
            result: JSON.stringify(outcome.result),
            finished_at: outcome.now,
            leased_until: null,
            last_error: null,
          }
        : outcome.state === 'failed'
          ? { state: 'failed', last_error: outcome.error, finished_at: outcome.now, leased_until: null }
          : { state: 'pending', last_error: outcome.error, run_after: outcome.retryAt, leased_until: null },
    )
    .where('id', '=', id)
    .execute();
}

/**
 * Deletes up to `limit` jobs ended before `before` that nothing reads any more: editors' runs
 * (done, failed, or left running by an instance that stopped during the request; the route
 * never queues one pending) and same-mistake searches done or failed (the fixed erratum's
 * history says what they found). A page's first-report job stays, whatever its state: its
 * dedupe key is what queues a page once. Returns how many went.
 */
export async function deleteEndedJobs(db: Kysely<Database>, before: string, limit: number): Promise<number> {
  const ended = await db
    .selectFrom('proofread_jobs')
    .select('id')
    .where('created_at', '<', before)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('trigger', '=', 'editor'),
          eb('state', '!=', 'pending'),
          eb(eb.fn.coalesce('finished_at', 'created_at'), '<', before),
        ]),
        eb.and([
          eb('kind', '=', 'same-mistake'),
          eb('state', 'in', ['done', 'failed']),
          eb('finished_at', '<', before),
        ]),
      ]),
    )
    .limit(limit)
    .execute();
  if (ended.length === 0) return 0;
  const result = await db
    .deleteFrom('proofread_jobs')
    .where(
      'id',
      'in',
      ended.map((job) => job.id),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A site's word list, alphabetically. */
export async function listSiteWords(db: Kysely<Database>, siteId: string): Promise<SiteWord[]> {
  const rows = await db
    .selectFrom('site_words')
    .select(['word', 'source', 'added_at'])
    .where('site_id', '=', siteId)
    .orderBy('word')
    .execute();
  return rows.map((row) => ({
    word: row.word,
    source: row.source === 'editor' ? 'editor' : 'dismissed',
    addedAt: row.added_at,
  }));
}

/**
 * Adds a word to a site's list; returns the entry. A rejection teaching a word already there
 * changes nothing; an editor adding one makes it the editor's (a word a rejection taught then
 * stays when that rejection is undone).
 */
export async function addSiteWord(
  db: Kysely<Database>,
  entry: {
    siteId: string;
    word: string;
    source: SiteWordSource;
    now: string;
    /** For a dismissed word: the erratum whose rejection teaches it. */
    taughtBy?: string;
  },
): Promise<SiteWord> {
  await db
    .insertInto('site_words')
    .values({
      site_id: entry.siteId,
      word: entry.word,
      source: entry.source,
      added_at: entry.now,
      taught_by: entry.source === 'dismissed' ? (entry.taughtBy ?? null) : null,
    })
    .onConflict((oc) =>
      entry.source === 'editor'
        ? oc.columns(['site_id', 'word']).doUpdateSet({ source: 'editor', taught_by: null })
        : oc.columns(['site_id', 'word']).doNothing(),
    )
    .execute();
  const row = await db
    .selectFrom('site_words')
    .select(['word', 'source', 'added_at'])
    .where('site_id', '=', entry.siteId)
    .where('word', '=', entry.word)
    .executeTakeFirstOrThrow();
  return {
    word: row.word,
    source: row.source === 'editor' ? 'editor' : 'dismissed',
    addedAt: row.added_at,
  };
}

/**
 * Takes back what rejecting an erratum taught, that rejection being undone or the erratum
 * reopened: the word it taught leaves the site's list, unless another rejected proofreader
 * erratum of the site with that word and one of `rules` stands, which then holds it. A word an
 * editor added, or that another erratum taught, is never touched. Returns the word removed, or null.
 */
export async function unteachWord(
  db: Kysely<Database>,
  change: { siteId: string; erratumId: string; rules: readonly string[] },
): Promise<string | null> {
  const taught = await db
    .selectFrom('site_words')
    .select('word')
    .where('site_id', '=', change.siteId)
    .where('source', '=', 'dismissed')
    .where('taught_by', '=', change.erratumId)
    .executeTakeFirst();
  if (!taught) return null;
  const others = await db
    .selectFrom('errata')
    .select(['id', 'finding'])
    .where('site_id', '=', change.siteId)
    .where('source', '=', 'proofreader')
    .where('status', '=', 'rejected')
    .where('id', '!=', change.erratumId)
    .where((eb) => eb(sql<string>`trim(quote_exact)`, '=', taught.word))
    .orderBy('status_changed_at')
    .orderBy('id')
    .execute();
  const heir = others.find((other) => change.rules.includes(ruleOf(other.finding)));
  if (heir) {
    await db
      .updateTable('site_words')
      .set({ taught_by: heir.id })
      .where('site_id', '=', change.siteId)
      .where('word', '=', taught.word)
      .where('taught_by', '=', change.erratumId)
      .execute();
    return null;
  }
  await db
    .deleteFrom('site_words')
    .where('site_id', '=', change.siteId)
    .where('word', '=', taught.word)
    .where('source', '=', 'dismissed')
    .where('taught_by', '=', change.erratumId)
    .execute();
  return taught.word;
}

/** The rule of a stored finding (JSON), or '' when there is none. */
function ruleOf(finding: string | null): string {
  if (!finding) return '';
  try {
    const parsed: unknown = JSON.parse(finding);
    return typeof parsed === 'object' &&
      parsed !== null &&
      'rule' in parsed &&
      typeof parsed.rule === 'string'
      ? parsed.rule
      : '';
  } catch {
    return '';
  }
}

/** Removes a word from a site's list; false when it was not there. */
export async function removeSiteWord(db: Kysely<Database>, siteId: string, word: string): Promise<boolean> {
  const result = await db
    .deleteFrom('site_words')
    .where('site_id', '=', siteId)
    .where('word', '=', word)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Counts the capitalised names of a page the proofreader read, once per page: a page read
 * before adds nothing. Keeps at most LEARNED_NAMES_MAX names per site.
 */
export async function countPageNames(
  db: Kysely<Database>,
  page: { siteId: string; url: string; names: readonly string[]; now: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const first = await trx
      .insertInto('proofread_pages')
      .values({ site_id: page.siteId, url: page.url, read_at: page.now })
      .onConflict((oc) => oc.columns(['site_id', 'url']).doNothing())
      .executeTakeFirst();
    if (Number(first.numInsertedOrUpdatedRows ?? 0n) === 0) return;
    const names = [...new Set(page.names)].filter((name) => name.length <= 64);
    for (let start = 0; start < names.length; start += 500) {
      await trx
        .insertInto('learned_names')
        .values(
          names
            .slice(start, start + 500)
            .map((word) => ({ site_id: page.siteId, word, pages: 1, last_seen_at: page.now })),
        )
        .onConflict((oc) =>
          oc.columns(['site_id', 'word']).doUpdateSet((eb) => ({
            pages: eb('learned_names.pages', '+', 1),
            last_seen_at: eb.ref('excluded.last_seen_at'),
          })),
        )
        .execute();
    }
    const count = await trx
      .selectFrom('learned_names')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('site_id', '=', page.siteId)
      .executeTakeFirstOrThrow();
    const over = Number(count.n) - LEARNED_NAMES_MAX;
    if (over > 0) {
      const rarest = await trx
        .selectFrom('learned_names')
        .select('word')
        .where('site_id', '=', page.siteId)
        .orderBy('pages')
        .orderBy('last_seen_at')
        .limit(over)
        .execute();
      await trx
        .deleteFrom('learned_names')
        .where('site_id', '=', page.siteId)
        .where(
          'word',
          'in',
          rarest.map((r) => r.word),
        )
        .execute();
    }
  });
}

/** The names seen on at least `minPages` of a site's pages. */
export async function learnedNames(
  db: Kysely<Database>,
  siteId: string,
  minPages: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('learned_names')
    .select('word')
    .where('site_id', '=', siteId)
    .where('pages', '>=', minPages)
    .execute();
  return rows.map((r) => r.word);
}

/** Pages of a site Errata knows: reported (errata), rechecked, or read by the proofreader; at most `limit`. */
export async function knownPagesOf(db: Kysely<Database>, siteId: string, limit: number): Promise<string[]> {
  const [errata, checks, read] = await Promise.all([
    db.selectFrom('errata').select('url').distinct().where('site_id', '=', siteId).limit(limit).execute(),
    db.selectFrom('page_checks').select('url').where('site_id', '=', siteId).limit(limit).execute(),
    db.selectFrom('proofread_pages').select('url').where('site_id', '=', siteId).limit(limit).execute(),
  ]);
  return [...new Set([...errata, ...checks, ...read].map((r) => r.url))].slice(0, limit);
}

/** An erratum's spot on a page, as it was reported: its quote and where it stood then. */
export interface PageSpot {
  id: string;
  fingerprint: string;
  status: string;
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
}

/** The spots of a page's errata, for telling a finding already there (any status) from a new one. */
export async function spotsOnPage(db: Kysely<Database>, siteId: string, url: string): Promise<PageSpot[]> {
  const rows = await db
    .selectFrom('errata')
    .select([
      'id',
      'fingerprint',
      'status',
      'quote_exact',
      'quote_prefix',
      'quote_suffix',
      'position_start',
      'position_end',
    ])
    .where('site_id', '=', siteId)
    .where('url', '=', url)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    fingerprint: r.fingerprint,
    status: r.status,
    exact: r.quote_exact,
    prefix: r.quote_prefix,
    suffix: r.quote_suffix,
    start: Number(r.position_start),
    end: Number(r.position_end),
  }));
}

import { priorityOf, searchTextOf } from '@errata/core';
/**
 * Fills a database (SQLite or PostgreSQL) with a realistic editorial load for the inbox
 * benchmark (scripts/seed-errata.ts, bench/src/inbox-latency.ts):
 * `reports` reader reports grouped into `errata` errata over `sites` sites (defaults
 * 1,000,000 / 200,000 / 50), written straight through Kysely in batched multi-row inserts,
 * one transaction per chunk of errata. `sites: 1` puts them all on one site: a national
 * publisher, the inbox's worst case.
 *
 * Sites differ in size (of 50, the largest holds about 8 % of the errata), each erratum is one
 * misspelt word in an article's text with real context; kinds, statuses, assignees,
 * suggestions and comments follow plausible shares, times spread over the last 90 days, and
 * a few spots draw many reports (a skewed distribution). The same arguments give the same
 * data (a seeded generator), except ids.
 */
import { type Insertable, type RawBuilder, sql } from 'kysely';
import { newId } from '../base/ids.ts';
import { migrateToLatest } from './migrator.ts';
import type { Store } from './open-store.ts';
import type { ErratumTable, ReportTable } from './schema.ts';

export interface SeedOptions {
  reports: number;
  errata: number;
  /** Sites the errata are spread over, by weight 1/√rank; 1 puts them all on one. */
  sites: number;
  /** Progress lines. */
  log?: (message: string) => void;
}

export interface SeedSummary {
  siteIds: string[];
  /** The site with the most errata: the inbox's worst case. */
  largestSite: string;
  /** Editors (members of every site) that errata are assigned to. */
  userIds: string[];
}

export const SEED_DEFAULTS = { reports: 1_000_000, errata: 200_000, sites: 50 } as const;

/** Errata written per transaction (their reports with them). */
const ERRATA_PER_TRANSACTION = 2_000;
/** Rows per multi-row insert: well under SQLite's 32,766 bound parameters and PostgreSQL's 65,535. */
const ROWS_PER_INSERT = 1_000;
const DAY_MS = 86_400_000;
const SPAN_DAYS = 90;
const EDITORS = 8;
const KINDS = [
  ['typo', 0.7],
  ['factual', 0.15],
  ['link', 0.1],
  ['other', 0.05],
] as const;
const STATUSES = [
  ['open', 0.45],
  ['fixed', 0.3],
  ['verified', 0.1],
  ['rejected', 0.1],
  ['spam', 0.05],
] as const;
const DESKS = { factual: 'Standards', link: 'Web desk' };

/**
 * How each database takes a throw-away load. Commits that do not wait for the disk
 * (durability buys the load nothing and costs minutes): SQLite sets it for its one connection
 * (never inside a transaction), PostgreSQL for each transaction, whichever of the pool's
 * connections runs it. Then the statistics the planner reads, and on PostgreSQL a vacuum
 * too, which marks the new pages all-visible as autovacuum would soon after: without it,
 * index-only scans (counting a spot's suggestions) read the table as well, for a while.
 */
const BULK_LOAD: Record<
  Store['kind'],
  { connection?: RawBuilder<unknown>; transaction?: RawBuilder<unknown>; settle: RawBuilder<unknown> }
> = {
  sqlite: { connection: sql`pragma synchronous = off`, settle: sql`analyze` },
  postgres: { transaction: sql`set local synchronous_commit = off`, settle: sql`vacuum analyze` },
};

const WORDS = (
  'the council said its plan would bring new homes to the river district before winter while ' +
  'residents asked about traffic schools parking and the cost of repairs after last year flooding ' +
  'mayor officials budget committee meeting report hospital weather station railway harbour bridge ' +
  'market election candidate teachers students library museum festival summer season football ' +
  'police court decision statement spokesperson community volunteers project funding million ' +
  'government minister announced yesterday morning evening afternoon village county region ' +
  'development environment energy climate water supply transport service increase decrease ' +
  'because although however several hundred thousand percent figures published according'
).split(' ');
const COMMENTS = [
  'This is spelt wrong in the second paragraph.',
  'Typo here, please fix.',
  'The figure does not match the one in the council report.',
  'Link goes to a 404 page.',
  'I think you mean {word}.',
  'Same mistake as last week!',
  'The photo caption names the wrong {word}.',
  'According to the official statement it was {word}, not this.',
  'Please correct, my students read this.',
  'Wrong date? The meeting was on Tuesday.',
];

/** Small seeded PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, shares: readonly (readonly [T, number])[]): T {
  let u = rand();
  for (const [value, share] of shares) {
    if (u < share) return value;
    u -= share;
  }
  return shares.at(-1)![0];
}

function misspell(word: string): string {
  if (word.length < 4) return word + word.at(-1);
  return word.charAt(0) + word.charAt(2) + word.charAt(1) + word.slice(3);
}

/** Words of an article as a function of (site, article, index): the same spot has the same context. */
function articleWords(rand: () => number, count: number): string[] {
  return Array.from({ length: count }, () => WORDS[Math.floor(rand() * WORDS.length)]!);
}

export async function seedErrata(store: Store, options: SeedOptions): Promise<SeedSummary> {
  const log = options.log ?? (() => {});
  const rand = random(20261129);
  const db = store.db;
  await migrateToLatest(db);
  const bulkLoad = BULK_LOAD[store.kind];
  await bulkLoad.connection?.execute(db);

  const now = Date.now();
  const created = new Date(now - (SPAN_DAYS + 1) * DAY_MS).toISOString();
  const siteIds = Array.from({ length: options.sites }, (_, i) => `site-${String(i + 1).padStart(2, '0')}`);
  await db
    .insertInto('sites')
    .values(
      siteIds.map((id, i) => ({
        id,
        name: `Newsroom ${i + 1}`,
        public_key: `${id}-key`,
        allowed_origins: JSON.stringify([`https://${id}.example`]),
        root_selector: null,
        created_at: created,
        desks: i % 2 === 0 ? JSON.stringify(DESKS) : null,
      })),
    )
    .execute();
  const userIds = Array.from({ length: EDITORS }, () => newId());
  await db
    .insertInto('users')
    .values(
      userIds.map((id, i) => ({
        id,
        email: `editor${i + 1}@seed.example`,
        // Not a password hash: seeded editors cannot sign in (benchmarks use API tokens).
        password_hash: 'seeded',
        created_at: created,
      })),
    )
    .execute();
  await db
    .insertInto('members')
    .values(
      siteIds.flatMap((site_id) =>
        userIds.map((user_id) => ({ site_id, user_id, role: 'editor', created_at: created })),
      ),
    )
    .execute();

  // Sites differ in size: weight 1/√rank.
  const weights = siteIds.map((_, i) => 1 / Math.sqrt(i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const errataPerSite = weights.map((w) => Math.max(1, Math.round((w / total) * options.errata)));
  // Every erratum has one report; the rest go to a skewed few (index ~ u²), scattered by a stride.
  const reportCounts = new Uint32Array(options.errata).fill(1);
  const stride = 7_919;
  for (let extra = options.reports - options.errata; extra > 0; extra--) {
    const rank = Math.floor(rand() ** 2 * options.errata);
    reportCounts[(rank * stride) % options.errata]!++;
  }

  let erratumIndex = 0;
  let written = 0;
  let errataRows: Insertable<ErratumTable>[] = [];
  let reportRows: Insertable<ReportTable>[] = [];
  let eventRows: {
    id: string;
    erratum_id: string;
    site_id: string;
    actor_id: string | null;
    type: string;
    data: string;
    created_at: string;
  }[] = [];
  const flush = async () => {
    await db.transaction().execute(async (trx) => {
      await bulkLoad.transaction?.execute(trx);
      for (let i = 0; i < errataRows.length; i += ROWS_PER_INSERT / 2) {
        await trx
          .insertInto('errata')
          .values(errataRows.slice(i, i + ROWS_PER_INSERT / 2))
          .execute();
      }
      for (let i = 0; i < reportRows.length; i += ROWS_PER_INSERT) {
        await trx
          .insertInto('reports')
          .values(reportRows.slice(i, i + ROWS_PER_INSERT))
          .execute();
      }
      for (let i = 0; i < eventRows.length; i += ROWS_PER_INSERT) {
        await trx
          .insertInto('erratum_events')
          .values(eventRows.slice(i, i + ROWS_PER_INSERT))
          .execute();
      }
    });
    written += reportRows.length;
    errataRows = [];
    reportRows = [];
    eventRows = [];
  };

  for (const [siteIndex, siteId] of siteIds.entries()) {
    const count =
      siteIndex === siteIds.length - 1 ? options.errata - erratumIndex : errataPerSite[siteIndex]!;
    for (let n = 0; n < count && erratumIndex < options.errata; n++, erratumIndex++) {
      const reports = reportCounts[erratumIndex]!;
      const article = Math.floor(n / 8);
      const url = `https://${siteId}.example/news/2026/article-${article}`;
      const context = articleWords(rand, 24);
      const word = context[12]!;
      const exact = misspell(word);
      const prefix = context.slice(0, 12).join(' ').slice(-64).concat(' ').slice(-64);
      const suffix = ` ${context.slice(13).join(' ')}`.slice(0, 64);
      const kind = pick(rand, KINDS);
      const status = pick(rand, STATUSES);
      const first = now - rand() * SPAN_DAYS * DAY_MS;
      // Most spots are reported within a day or two; hot ones over weeks.
      const last = Math.min(now, first + (reports === 1 ? 0 : rand() * Math.min(30, reports) * DAY_MS));
      const erratumId = newId(first);
      const texts: (string | null)[] = [exact];
      for (let r = 0; r < reports; r++) {
        const at = new Date(
          reports === 1 ? first : first + ((last - first) * r) / (reports - 1),
        ).toISOString();
        const suggestion = rand() < 0.6 ? (rand() < 0.8 ? word : word.toUpperCase()) : null;
        const comment =
          rand() < 0.25
            ? COMMENTS[Math.floor(rand() * COMMENTS.length)]!.replace(
                '{word}',
                WORDS[Math.floor(rand() * WORDS.length)]!,
              )
            : null;
        texts.push(suggestion, comment);
        reportRows.push({
          id: newId(Date.parse(at)),
          erratum_id: erratumId,
          site_id: siteId,
          url,
          title: `Article ${article} of ${siteId}`,
          lang: 'en',
          quote_exact: exact,
          quote_prefix: prefix,
          quote_suffix: suffix,
          position_start: 400,
          position_end: 400 + exact.length,
          suggestion,
          suggestion_key: suggestion?.toLowerCase() ?? null,
          comment,
          ip_hash: (erratumIndex * 31 + r).toString(16).padStart(32, '0'),
          created_at: at,
          client_id: null,
          ordinal: r + 1,
          kind: r === 0 ? kind : pick(rand, KINDS),
        });
      }
      const lastAt = new Date(last).toISOString();
      const decidedAt =
        status === 'open' ? null : new Date(Math.min(now, last + rand() * DAY_MS)).toISOString();
      const assignee = rand() < 0.2 ? userIds[Math.floor(rand() * userIds.length)]! : null;
      errataRows.push({
        id: erratumId,
        site_id: siteId,
        fingerprint: `${erratumIndex.toString(16)}-${siteId}`,
        url,
        title: `Article ${article} of ${siteId}`,
        lang: 'en',
        quote_exact: exact,
        quote_prefix: prefix,
        quote_suffix: suffix,
        position_start: 400,
        position_end: 400 + exact.length,
        status,
        report_count: reports,
        first_reported_at: new Date(first).toISOString(),
        last_reported_at: lastAt,
        status_changed_at: decidedAt,
        status_changed_by: decidedAt ? assignee : null,
        kind,
        desk: siteIndex % 2 === 0 ? ((DESKS as Record<string, string>)[kind] ?? null) : null,
        assignee_id: assignee,
        source: 'reader',
        priority: priorityOf(reports, lastAt),
        search_text: searchTextOf(texts),
      });
      if (decidedAt) {
        eventRows.push({
          id: newId(Date.parse(decidedAt)),
          erratum_id: erratumId,
          site_id: siteId,
          actor_id: assignee,
          type: 'status_changed',
          data: JSON.stringify({ from: 'open', to: status }),
          created_at: decidedAt,
        });
      }
      if (errataRows.length >= ERRATA_PER_TRANSACTION) {
        await flush();
        if (erratumIndex % 20_000 < ERRATA_PER_TRANSACTION)
          log(`${erratumIndex + 1} errata, ${written} reports`);
      }
    }
  }
  if (errataRows.length > 0) await flush();
  await bulkLoad.settle.execute(db);
  log(`${options.errata} errata, ${written} reports over ${options.sites} sites`);
  return { siteIds, largestSite: siteIds[0]!, userIds };
}

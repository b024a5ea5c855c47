import type {
  CheckState,
  Erratum,
  ErratumCheck,
  ErratumFinding,
  ErratumStatus,
  ReportKind,
} from '@errata/core';
import type { Kysely, Selectable } from 'kysely';
import { newestCommentsOf, suggestionsOf } from './inbox-reader-text.ts';
import type { Database, ErratumTable } from './schema.ts';

/** Most reader comments a listed erratum carries; the detail view shows them all. */
const COMMENTS_PER_ERRATUM = 5;

/** Which of a site's errata an export reads, one page at a time. */
export interface ErrataExportQuery {
  siteId: string;
  status?: ErratumStatus;
  /** Continue after this erratum id (exclusive). */
  afterId?: string;
  limit: number;
}

/**
 * One page of a site's errata in the order they were first reported, each with all its
 * comments, for exports. Paged by id rather than by latest activity: an id never changes
 * (ids are time-ordered, see ids.ts), so an export that runs while reports arrive still
 * lists every erratum exactly once.
 */
export async function listErrataForExport(
  db: Kysely<Database>,
  query: ErrataExportQuery,
): Promise<Erratum[]> {
  let select = db.selectFrom('errata').selectAll().where('site_id', '=', query.siteId);
  if (query.status) select = select.where('status', '=', query.status);
  if (query.afterId !== undefined) select = select.where('id', '>', query.afterId);
  const rows = await select.orderBy('id').limit(query.limit).execute();
  return withReaderText(db, rows, Number.POSITIVE_INFINITY);
}

export async function findErratum(db: Kysely<Database>, id: string): Promise<Erratum | null> {
  const row = await db.selectFrom('errata').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const [erratum] = await withReaderText(db, [row]);
  return erratum ?? null;
}

/** One erratum with every reader comment (the detail view), not only the newest few. */
export async function findErratumWithAllComments(db: Kysely<Database>, id: string): Promise<Erratum | null> {
  const row = await db.selectFrom('errata').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const [erratum] = await withReaderText(db, [row], Number.POSITIVE_INFINITY);
  return erratum ?? null;
}

/** Several errata by id, in no particular order; ids that name nothing are left out. */
export async function findErrata(db: Kysely<Database>, ids: readonly string[]): Promise<Erratum[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('errata')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  return withReaderText(db, rows);
}

/** An erratum's status and site, or undefined when the id names nothing. */
export async function statusOfErratum(
  db: Kysely<Database>,
  id: string,
): Promise<{ status: ErratumStatus; siteId: string } | undefined> {
  const row = await db
    .selectFrom('errata')
    .select(['status', 'site_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { status: row.status as ErratumStatus, siteId: row.site_id };
}

/** A status change to write: the erratum's new status, the decided context it keeps, and its history row. */
export interface StatusChangeRow {
  erratumId: string;
  siteId: string;
  status: ErratumStatus;
  actorId: string | null;
  now: string;
  /** The page around the quote at a decision against the report; null clears it. */
  decided: { prefix: string; suffix: string } | null;
  event: { id: string; type: 'status_changed' | 'reopened'; data: Record<string, unknown> };
}

/** Writes an erratum's new status and the history row saying so; call it inside the change's transaction. */
export async function writeStatusChange(db: Kysely<Database>, change: StatusChangeRow): Promise<void> {
  await db
    .updateTable('errata')
    .set({
      status: change.status,
      status_changed_at: change.now,
      status_changed_by: change.actorId,
      decided_prefix: change.decided?.prefix ?? null,
      decided_suffix: change.decided?.suffix ?? null,
      // Out of the Spam view by an editor's hand: no longer held, good-faith reports join it again.
      ...(change.status === 'spam' ? {} : { held_reasons: null }),
    })
    .where('id', '=', change.erratumId)
    .execute();
  await db
    .insertInto('erratum_events')
    .values({
      id: change.event.id,
      erratum_id: change.erratumId,
      site_id: change.siteId,
      actor_id: change.actorId,
      type: change.event.type,
      data: JSON.stringify(change.event.data),
      created_at: change.now,
    })
    .execute();
}

/**
 * The page around an erratum's quote as readers last saw it: the context of its newest report
 * that quotes the same words, else the erratum's own.
 */
export async function newestContextOf(
  db: Kysely<Database>,
  erratumId: string,
): Promise<{ prefix: string; suffix: string } | null> {
  const erratum = await db
    .selectFrom('errata')
    .select(['quote_exact', 'quote_prefix', 'quote_suffix'])
    .where('id', '=', erratumId)
    .executeTakeFirst();
  if (!erratum) return null;
  const newest = await db
    .selectFrom('reports')
    .select(['quote_prefix', 'quote_suffix'])
    .where('erratum_id', '=', erratumId)
    .where('quote_exact', '=', erratum.quote_exact)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return newest
    ? { prefix: newest.quote_prefix, suffix: newest.quote_suffix }
    : { prefix: erratum.quote_prefix, suffix: erratum.quote_suffix };
}

/** Errata as the API shows them: rows plus suggestions, the newest comments and the assignee. */
export async function withReaderText(
  db: Kysely<Database>,
  rows: Selectable<ErratumTable>[],
  commentsPerErratum = COMMENTS_PER_ERRATUM,
): Promise<Erratum[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const suggestionRows = await suggestionsOf(db, ids);
  // The newest comments of each erratum, cut in SQL: a spot with thousands of comments sends only a few.
  const commentRows = await newestCommentsOf(db, ids, commentsPerErratum);

  const suggestions = new Map<string, { text: string; count: number; firstAt: string }[]>();
  for (const { erratumId, ...suggestion } of suggestionRows) {
    const list = suggestions.get(erratumId) ?? [];
    list.push(suggestion);
    suggestions.set(erratumId, list);
  }
  const assigneeIds = [...new Set(rows.flatMap((r) => (r.assignee_id ? [r.assignee_id] : [])))];
  const assignees = new Map(
    assigneeIds.length === 0
      ? []
      : (await db.selectFrom('users').select(['id', 'email']).where('id', 'in', assigneeIds).execute()).map(
          (u) => [u.id, { id: u.id, email: u.email }],
        ),
  );
  const comments = new Map<string, string[]>();
  for (const c of commentRows) {
    const list = comments.get(c.erratumId) ?? [];
    if (list.length < commentsPerErratum) list.push(c.comment);
    comments.set(c.erratumId, list);
  }

  return rows.map((row) => ({
    id: row.id,
    site: row.site_id,
    url: row.url,
    title: row.title,
    lang: row.lang,
    quote: { exact: row.quote_exact, prefix: row.quote_prefix, suffix: row.quote_suffix },
    position: { start: Number(row.position_start), end: Number(row.position_end) },
    status: row.status as ErratumStatus,
    reports: Number(row.report_count),
    suggestions: (suggestions.get(row.id) ?? [])
      .sort((a, b) => b.count - a.count || a.firstAt.localeCompare(b.firstAt))
      .map(({ text, count }) => ({ text, count })),
    comments: comments.get(row.id) ?? [],
    firstReportedAt: row.first_reported_at,
    lastReportedAt: row.last_reported_at,
    statusChangedAt: row.status_changed_at,
    check: checkOf(row),
    kind: row.kind as ReportKind,
    desk: row.desk,
    assignee: (row.assignee_id && assignees.get(row.assignee_id)) || null,
    source: row.source === 'proofreader' ? 'proofreader' : 'reader',
    finding: findingOf(row.finding),
    proposedFrom: proposedFromOf(row.proposed_from),
    spamReasons: reasonsOf(row.held_reasons),
  }));
}

/** A proofreader erratum's finding (stored as JSON), or null. */
function findingOf(value: string | null): ErratumFinding | null {
  if (value === null) return null;
  try {
    const parsed = JSON.parse(value) as Partial<ErratumFinding>;
    return {
      rule: String(parsed.rule ?? ''),
      message: String(parsed.message ?? ''),
      suggestions: Array.isArray(parsed.suggestions) ? parsed.suggestions.map(String) : [],
      confidence: Number(parsed.confidence ?? 0),
    };
  } catch {
    return null;
  }
}

/** The fixed erratum a same-mistake proposal came from (stored as JSON), or null. */
function proposedFromOf(value: string | null): { id: string; url: string } | null {
  if (value === null) return null;
  try {
    const parsed = JSON.parse(value) as { id?: unknown; url?: unknown };
    return typeof parsed.id === 'string' && typeof parsed.url === 'string'
      ? { id: parsed.id, url: parsed.url }
      : null;
  } catch {
    return null;
  }
}

/** The reasons spam scoring stored (a JSON list), or null. */
function reasonsOf(value: string | null): string[] | null {
  if (value === null) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((r): r is string => typeof r === 'string') : null;
  } catch {
    return null;
  }
}

/** The last recheck of an erratum, from its check_* columns. */
function checkOf(row: Selectable<ErratumTable>): ErratumCheck {
  return {
    state: row.check_state as CheckState,
    checkedAt: row.checked_at,
    reason: row.check_reason,
    replacedBy: row.replaced_by,
  };
}

import type { ErratumHistoryEvent, ReportKind, ReportSummary } from '@errata/core';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** An erratum's reports, newest first, at most `limit`. */
export async function listErratumReports(
  db: Kysely<Database>,
  erratumId: string,
  limit: number,
): Promise<ReportSummary[]> {
  const rows = await db
    .selectFrom('reports')
    .select([
      'id',
      'created_at',
      'kind',
      'suggestion',
      'comment',
      'quote_exact',
      'quote_prefix',
      'quote_suffix',
    ])
    .where('erratum_id', '=', erratumId)
    .orderBy('created_at', 'desc')
    // Within one millisecond, the later report of the erratum first.
    .orderBy('ordinal', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.created_at,
    kind: row.kind as ReportKind,
    suggestion: row.suggestion,
    comment: row.comment,
    quote: { exact: row.quote_exact, prefix: row.quote_prefix, suffix: row.quote_suffix },
  }));
}

/** An erratum's history (status changes, assignments, notes, checks…), oldest first, with who did each. */
export async function listErratumHistory(
  db: Kysely<Database>,
  erratumId: string,
): Promise<ErratumHistoryEvent[]> {
  const rows = await db
    .selectFrom('erratum_events')
    .leftJoin('users', 'users.id', 'erratum_events.actor_id')
    .select([
      'erratum_events.id',
      'erratum_events.type',
      'erratum_events.data',
      'erratum_events.created_at',
      'erratum_events.actor_id',
      'users.email',
    ])
    .where('erratum_events.erratum_id', '=', erratumId)
    .orderBy('erratum_events.created_at')
    .orderBy('erratum_events.id')
    .execute();
  return rows.map(historyEventOf);
}

/** One stored event as the API shows it. */
export function historyEventOf(row: {
  id: string;
  type: string;
  data: string;
  created_at: string;
  actor_id: string | null;
  email: string | null;
}): ErratumHistoryEvent {
  let data: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(row.data);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      data = parsed as Record<string, unknown>;
  } catch {
    // an unreadable detail shows as none
  }
  return {
    id: row.id,
    type: row.type,
    actor: row.actor_id !== null && row.email !== null ? { id: row.actor_id, email: row.email } : null,
    data,
    createdAt: row.created_at,
  };
}

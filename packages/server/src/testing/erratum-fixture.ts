import { type Erratum, priorityOf, searchTextOf } from '@errata/core';
import type { Insertable, Kysely } from 'kysely';
import type { Database, ErratumTable } from '../store/schema.ts';

/**
 * An erratum as the editors' API gives it: three readers reported "Roterdam" on the harbour
 * bridge article, two suggesting "Rotterdam"; open and not rechecked yet. `changes` sets the
 * fields a test is about.
 */
export function roterdamErratum(changes: Partial<Erratum> = {}): Erratum {
  return {
    id: '01JTESTERRATUM0000000000001',
    site: 'demo',
    url: 'https://news.example.org/harbour-bridge',
    title: 'Old Harbour swing bridge',
    lang: 'en',
    quote: { exact: 'Roterdam', prefix: 'engineers from ', suffix: ' will inspect the' },
    position: { start: 120, end: 128 },
    status: 'open',
    reports: 3,
    suggestions: [
      { text: 'Rotterdam', count: 2 },
      { text: 'Rottérdam', count: 1 },
    ],
    comments: ['Double t.'],
    firstReportedAt: '2025-05-01T09:00:00.000Z',
    lastReportedAt: '2025-05-02T10:30:00.000Z',
    statusChangedAt: null,
    kind: 'typo',
    desk: null,
    assignee: null,
    source: 'reader',
    finding: null,
    proposedFrom: null,
    spamReasons: null,
    check: { state: 'unchecked', checkedAt: null, reason: null, replacedBy: null },
    ...changes,
  };
}

/**
 * Stores an erratum row of the demo site as it is, for a test about what queries find (not
 * about how reports make errata): one reader's report of `word` on `url`, open, at `at`.
 * `changes` sets the columns a test is about.
 */
export async function insertErratumRow(
  db: Kysely<Database>,
  row: { id: string; url: string; word: string; at: string } & Partial<Insertable<ErratumTable>>,
): Promise<void> {
  const { id, url, word, at, ...changes } = row;
  await db
    .insertInto('errata')
    .values({
      id,
      site_id: 'demo',
      fingerprint: id,
      url,
      title: null,
      lang: 'en',
      quote_exact: word,
      quote_prefix: '',
      quote_suffix: '',
      position_start: 0,
      position_end: word.length,
      status: 'open',
      report_count: 1,
      first_reported_at: at,
      last_reported_at: at,
      priority: priorityOf(1, at),
      search_text: searchTextOf([word]),
      ...changes,
    })
    .execute();
}

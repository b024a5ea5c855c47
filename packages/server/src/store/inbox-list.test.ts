import {
  ERRATUM_STATUSES,
  type ErratumStatus,
  type InboxFilter,
  matchesInboxFilter,
  REPORT_KINDS,
  type ReportKind,
} from '@errata/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReportIngest } from '../domain/report-ingest.ts';
import { openTestStore } from '../testing/test-app.ts';
import { withReaderText } from './errata-store.ts';
import { listInbox } from './inbox-list.ts';
import { createSiteIfMissing } from './sites-store.ts';

/** Few words, so generated searches often hit; a phrase spanning two texts must not. */
const WORDS = ['minks', 'teh', '50%', 'a_b', 'Ünïcode'];
const DESKS = ['Sports', 'Politics'];
const USERS = ['u-ann', 'u-bob'];
const TIMES = ['2026-11-01T08:00:00.000Z', '2026-11-02T08:00:00.000Z', '2026-11-03T23:59:59.999Z'];
const PAGE = 'https://courier.example/news/bridge';

const phrase = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 2 }).map((w) => w.join(' '));

/** One erratum as stored: its reports' texts and the columns editors and sites change. */
const erratumSpec = fc.record({
  quote: fc.oneof(fc.constantFrom(...WORDS), phrase),
  reports: fc.array(
    fc.record({
      suggestion: fc.option(phrase, { nil: undefined }),
      comment: fc.option(phrase, { nil: undefined }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  status: fc.constantFrom<ErratumStatus>(...ERRATUM_STATUSES),
  kind: fc.constantFrom<ReportKind>(...REPORT_KINDS),
  desk: fc.option(fc.constantFrom(...DESKS), { nil: null }),
  assignee: fc.option(fc.constantFrom(...USERS), { nil: null }),
  source: fc.constantFrom<'reader' | 'proofreader'>('reader', 'proofreader'),
  lastReportedAt: fc.constantFrom(...TIMES),
});

const filterSpec: fc.Arbitrary<InboxFilter> = fc.record(
  {
    statuses: fc.uniqueArray(fc.constantFrom<ErratumStatus>(...ERRATUM_STATUSES), {
      minLength: 1,
      maxLength: 3,
    }),
    kind: fc.constantFrom<ReportKind>(...REPORT_KINDS),
    desk: fc.constantFrom(...DESKS),
    assignee: fc.oneof(
      fc.constant({ none: true as const }),
      fc.constantFrom(...USERS).map((userId) => ({ userId })),
    ),
    hasSuggestion: fc.boolean(),
    source: fc.constantFrom<'reader' | 'proofreader'>('reader', 'proofreader'),
    from: fc.constantFrom(...TIMES),
    before: fc.constantFrom(...TIMES),
    search: fc.oneof(
      fc.constantFrom(...WORDS),
      phrase,
      fc.constantFrom('TEH', ' minks  teh ', 'teh minks', '50% a_b', 'e', '%', '_'),
    ),
  },
  { requiredKeys: [] },
);

describe('the inbox filter in SQL and in memory', () => {
  it('lists exactly the errata core’s matchesInboxFilter accepts, for any errata and any filter', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(erratumSpec, { minLength: 1, maxLength: 8 }),
        fc.array(filterSpec, { minLength: 1, maxLength: 6 }),
        async (specs, filters) => {
          const t = await openTestStore();
          try {
            const { db } = t.store;
            await createSiteIfMissing(
              db,
              {
                id: 'courier',
                name: 'Courier',
                publicKey: 'courier-key',
                allowedOrigins: ['https://courier.example'],
                rootSelector: null,
              },
              TIMES[0] as string,
            );
            await db
              .insertInto('users')
              .values(
                USERS.map((id) => ({
                  id,
                  email: `${id}@example.org`,
                  password_hash: 'x',
                  created_at: TIMES[0] as string,
                })),
              )
              .execute();
            const ingest = new ReportIngest(t.store, 'test-key');
            for (const [index, spec] of specs.entries()) {
              // Each erratum its own spot: the quote at its own place, in its own sentence.
              const prefix = `Paragraph ${index} says: `;
              let erratumId = '';
              for (const report of spec.reports) {
                const { receipt } = await ingest.ingest(
                  {
                    site: 'courier-key',
                    url: PAGE,
                    quote: { exact: spec.quote, prefix, suffix: ` (${index}).` },
                    position: { start: index * 1000, end: index * 1000 + spec.quote.length },
                    ...(report.suggestion ? { suggestion: report.suggestion } : {}),
                    ...(report.comment ? { comment: report.comment } : {}),
                  },
                  { ip: '203.0.113.9', origin: undefined, requestOrigin: '' },
                );
                erratumId = receipt.erratum.id;
              }
              await db
                .updateTable('errata')
                .set({
                  status: spec.status,
                  kind: spec.kind,
                  desk: spec.desk,
                  assignee_id: spec.assignee,
                  source: spec.source,
                  last_reported_at: spec.lastReportedAt,
                })
                .where('id', '=', erratumId)
                .execute();
            }
            await ingest.drained();
            const rows = await db.selectFrom('errata').selectAll().where('site_id', '=', 'courier').execute();
            expect(rows).toHaveLength(specs.length);
            const errata = await withReaderText(db, rows, Number.MAX_SAFE_INTEGER);
            for (const filter of filters) {
              const listed = await listInbox(db, { ...filter, siteId: 'courier' }, 'newest', undefined, 1000);
              const expected = errata
                .filter((erratum) => matchesInboxFilter(erratum, filter))
                .map((e) => e.id);
              expect(listed.map(({ erratum }) => erratum.id).sort(), JSON.stringify(filter)).toEqual(
                expected.sort(),
              );
            }
          } finally {
            await t.cleanup();
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});

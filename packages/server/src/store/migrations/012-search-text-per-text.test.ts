import { Migrator } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ReportIngest } from '../../domain/report-ingest.ts';
import { demoReport, openTestStore } from '../../testing/test-app.ts';
import { listInbox } from '../inbox-list.ts';
import { MIGRATIONS, migrateToLatest } from '../migrator.ts';

let t: Awaited<ReturnType<typeof openTestStore>>;
beforeEach(async () => {
  t = await openTestStore();
});
afterEach(async () => t.cleanup());

it('should rewrite search texts joined by spaces, so a search no longer runs from the quote into a suggestion', async () => {
  const { db } = t.store;
  const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
  // Today's ingest writes today's columns: the report goes in first, then the schema goes back to 011.
  await migrateToLatest(db);
  const ingest = new ReportIngest(t.store, 'test-key');
  const { receipt } = await ingest.ingest(demoReport({ suggestion: 'Rotterdam' }), {
    ip: '203.0.113.9',
    origin: undefined,
    requestOrigin: 'http://localhost',
  });
  await ingest.drained();
  await migrator.migrateTo('011-article-root');
  // As an earlier server stored it, where its LIKE found the quote running into the suggestion.
  await db.updateTable('errata').set({ search_text: 'roterdam rotterdam' }).execute();
  const across = () =>
    db.selectFrom('errata').select('id').where('search_text', 'like', '%roterdam rotterdam%').execute();
  expect(await across()).toHaveLength(1);

  const to012 = await migrator.migrateTo('012-search-text-per-text');
  expect(to012.results?.map((r) => r.migrationName)).toEqual(['012-search-text-per-text']);

  const { search_text } = await db
    .selectFrom('errata')
    .select('search_text')
    .where('id', '=', receipt.erratum.id)
    .executeTakeFirstOrThrow();
  expect(search_text).toBe('roterdam\nrotterdam');
  expect(await across()).toHaveLength(0);
  // The inbox's search (which needs the later migrations' index) agrees.
  await migrateToLatest(db);
  const found = async (search: string) =>
    (await listInbox(db, { siteId: 'demo', search }, 'newest', undefined, 10)).length;
  expect(await found('roterdam rotterdam')).toBe(0);
  expect(await found('rotterdam')).toBe(1);
});

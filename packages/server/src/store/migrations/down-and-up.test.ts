import { Migrator } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ReportIngest } from '../../domain/report-ingest.ts';
import { demoReport, openTestStore, TEST_SENDER } from '../../testing/test-app.ts';
import { listInbox } from '../inbox-list.ts';
import { MIGRATIONS, migrateToLatest } from '../migrator.ts';

let t: Awaited<ReturnType<typeof openTestStore>>;
beforeEach(async () => {
  t = await openTestStore();
});
afterEach(async () => t.cleanup());

it('should take every migration since the inbox down and up again on a database holding reports, losing none', async () => {
  const { db } = t.store;
  const ingest = new ReportIngest(t.store, 'test-key');
  for (const [index, word] of ['Roterdam', 'teh', 'Minks'].entries()) {
    await ingest.ingest(
      demoReport({
        quote: { exact: word, prefix: `Paragraph ${index}: `, suffix: ' ends here.' },
        root: { selector: 'article', index: 0 },
        comment: `about ${word}`,
      }),
      TEST_SENDER,
    );
  }
  await ingest.drained();
  const counts = async () => ({
    errata: (await db.selectFrom('errata').select('id').execute()).length,
    reports: (await db.selectFrom('reports').select('id').execute()).length,
  });
  const before = await counts();

  const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
  const down = await migrator.migrateTo('005-inbox');
  expect(down.error).toBeUndefined();
  expect(down.results?.map((r) => `${r.direction} ${r.migrationName}`)).toEqual(
    Object.keys(MIGRATIONS)
      .filter((name) => name > '005-inbox')
      .reverse()
      .map((name) => `Down ${name}`),
  );
  expect(await migrateToLatest(db)).toEqual(Object.keys(MIGRATIONS).filter((name) => name > '005-inbox'));

  expect(await counts()).toEqual(before);
  const found = await listInbox(db, { siteId: 'demo', search: 'about teh' }, 'newest', undefined, 10);
  expect(found.map(({ erratum }) => erratum.quote.exact)).toEqual(['teh']);
});

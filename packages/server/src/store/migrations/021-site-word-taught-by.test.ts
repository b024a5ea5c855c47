import { Migrator } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ReportIngest } from '../../domain/report-ingest.ts';
import { demoReport, openTestStore, TEST_SENDER } from '../../testing/test-app.ts';
import { MIGRATIONS, migrateToLatest } from '../migrator.ts';

let t: Awaited<ReturnType<typeof openTestStore>>;
beforeEach(async () => {
  t = await openTestStore();
});
afterEach(async () => t.cleanup());

it("should give each word a rejection taught the rejected proofreader erratum of that word, and an editor's word none", async () => {
  const { db } = t.store;
  const ingest = new ReportIngest(t.store, 'test-key');
  const ids: string[] = [];
  for (const [index, word] of ['Roterdam', 'Minks'].entries()) {
    const { receipt } = await ingest.ingest(
      demoReport({ quote: { exact: word, prefix: `Paragraph ${index}: `, suffix: ' ends here.' } }),
      TEST_SENDER,
    );
    ids.push(receipt.erratum.id);
  }
  await ingest.drained();
  await db
    .updateTable('errata')
    .set({
      source: 'proofreader',
      status: 'rejected',
      status_changed_at: new Date().toISOString(),
      finding: JSON.stringify({
        rule: 'spelling',
        message: 'Not in the dictionary.',
        suggestions: [],
        confidence: 0.9,
      }),
    })
    .where('id', 'in', ids)
    .execute();

  const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
  expect((await migrator.migrateTo('020-proofreader')).error).toBeUndefined();
  const now = new Date().toISOString();
  await db
    .insertInto('site_words')
    .values([
      { site_id: 'demo', word: 'Roterdam', source: 'dismissed', added_at: now },
      { site_id: 'demo', word: 'Minks', source: 'editor', added_at: now },
      { site_id: 'demo', word: 'Okafor', source: 'dismissed', added_at: now },
    ])
    .execute();

  expect(await migrateToLatest(db)).toEqual(
    Object.keys(MIGRATIONS).filter((name) => name > '020-proofreader'),
  );
  const words = await db.selectFrom('site_words').select(['word', 'taught_by']).orderBy('word').execute();
  expect(words).toEqual([
    { word: 'Minks', taught_by: null },
    { word: 'Okafor', taught_by: null },
    { word: 'Roterdam', taught_by: ids[0] },
  ]);
});

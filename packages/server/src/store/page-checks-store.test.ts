import { CompiledQuery, sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { newId } from '../base/ids.ts';
import { changeErratumStatus } from '../domain/decisions.ts';
import { demoReport, openTestIngest, TEST_SENDER } from '../testing/test-app.ts';
import { pagesOfFixedErrata } from './page-checks-store.ts';

// The recheck's scheduler looks for fixed errata's pages every poll, through an index of the
// fixed errata alone (migration 024): grouping, which only makes open errata, never writes it.

let t: Awaited<ReturnType<typeof openTestIngest>>;
beforeEach(async () => {
  t = await openTestIngest();
});
afterEach(async () => t.cleanup());

/** Three open errata, on three pages of the demo site; the first marked fixed. Returns the pages' URLs. */
async function threeErrataOneFixed(): Promise<string[]> {
  const urls: string[] = [];
  const ids: string[] = [];
  for (const article of ['harbour-bridge', 'city-budget', 'river-festival']) {
    const url = `http://localhost/demo/articles/${article}.html`;
    const { receipt } = await t.ingest.ingest(demoReport({ url }), TEST_SENDER);
    urls.push(url);
    ids.push(receipt.erratum.id);
  }
  await changeErratumStatus(t.store.db, {
    id: ids[0]!,
    status: 'fixed',
    actorId: null,
    eventId: newId(),
    now: new Date().toISOString(),
  });
  return urls;
}

it('should find the pages of fixed errata only', async () => {
  const [fixedPage] = await threeErrataOneFixed();
  const pages = await pagesOfFixedErrata(t.store.db).execute();
  expect(pages.map((page) => [page.site_id, page.url])).toEqual([['demo', fixedPage]]);
});

it('should read the fixed errata through their own index, which holds none of the open ones', async () => {
  await threeErrataOneFixed();
  const { db } = t.store;
  const query = pagesOfFixedErrata(db).compile();
  if (t.store.kind === 'sqlite') {
    const { rows: entries } = await sql<{ entries: number }>`
      select sum(ncell) as entries from dbstat where name = 'errata_fixed_pages' and pagetype = 'leaf'`.execute(
      db,
    );
    expect(entries[0]?.entries).toBe(1);
    const { rows: plan } = await db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
    );
    expect(plan.map((step) => step.detail).join('\n')).toContain('errata_fixed_pages');
    return;
  }
  // PostgreSQL reads a table this small whole: told not to, it shows which index serves the query.
  const plan = await db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    const { rows } = await trx.executeQuery<{ 'QUERY PLAN': string }>(
      CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]),
    );
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  });
  expect(plan).toContain('errata_fixed_pages');
});

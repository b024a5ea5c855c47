import { afterEach, describe, expect, it } from 'vitest';
import { ensureDemoSite } from '../domain/demo-site.ts';
import { ReportIngest } from '../domain/report-ingest.ts';
import { copyTables, digestTables, TABLES } from '../store/data-move.ts';
import { seedErrata } from '../store/inbox-seed.ts';
import { migrateToLatest } from '../store/migrator.ts';
import { openStore } from '../store/open-store.ts';
import { isSearchIndexTable } from '../store/search-dialect.ts';
import { demoReport } from '../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { addTestWebhook } from '../testing/webhook-receiver.ts';
import { migrateData } from './migrate-data.ts';

// Needs a SQLite file and a PostgreSQL database at once: runs in the 'postgres' project only.
const dropped: TestDatabase[] = [];
afterEach(async () => {
  for (const database of dropped.splice(0)) await database.drop();
});

/** A SQLite installation with more rows per table than one chunk of the copy. */
async function sqliteInstallation(): Promise<TestDatabase> {
  const source = await createTestDatabase('sqlite');
  dropped.push(source);
  const store = openStore(source.url);
  await seedErrata(store, { reports: 3_000, errata: 700, sites: 3 });
  await ensureDemoSite(store);
  const ingest = new ReportIngest(store, 'ip-key');
  await ingest.ingest(demoReport({ comment: 'Zürich — “quoted” 😀' }), {
    ip: '192.0.2.1',
    origin: undefined,
    requestOrigin: 'http://localhost',
  });
  await addTestWebhook(store.db, 'https://hooks.example/errata', 'whsec');
  await store.close();
  return source;
}

async function postgresTarget(): Promise<TestDatabase> {
  const target = await createTestDatabase('postgres');
  dropped.push(target);
  return target;
}

describe('errata migrate-data', { timeout: 120_000 }, () => {
  it('should copy a SQLite installation to PostgreSQL and verify every table', async () => {
    const source = await sqliteInstallation();
    const target = await postgresTarget();
    const lines: string[] = [];
    expect(await migrateData(['--from', source.url, '--to', target.url], (l) => lines.push(l))).toBe(0);
    expect(lines.at(-1)).toMatch(
      new RegExp(`^verified: ${TABLES.length} tables, \\d+ rows, the same counts and contents in both$`),
    );

    const copy = openStore(target.url);
    const original = openStore(source.url);
    try {
      const [a, b] = await Promise.all([digestTables(original.db), digestTables(copy.db)]);
      expect(b).toEqual(a);
      expect(a.find((t) => t.table === 'reports')?.rows).toBe(3_001);
      const comment = await copy.db
        .selectFrom('reports')
        .select('comment')
        .where('comment', 'like', 'Zürich%')
        .executeTakeFirst();
      expect(comment?.comment).toBe('Zürich — “quoted” 😀');
    } finally {
      await copy.close();
      await original.close();
    }
  });

  it('should refuse a target holding rows, resume a copy cut short with --continue, and catch a copy that differs', async () => {
    const source = await sqliteInstallation();
    const target = await postgresTarget();
    const from = openStore(source.url);
    const to = openStore(target.url);
    await migrateToLatest(to.db);
    // The copy stops halfway through the errata, as when the process is killed.
    await expect(
      copyTables(from.db, to.db, (table, copied) => {
        if (table === 'errata' && copied >= 500) throw new Error('cut short');
      }),
    ).rejects.toThrow('cut short');
    await from.close();

    await expect(migrateData(['--from', source.url, '--to', target.url], () => {})).rejects.toThrow(
      /holds rows already \(sites \d+, .*errata 500.*\): give --continue to resume a copy that was cut short/,
    );
    const lines: string[] = [];
    expect(
      await migrateData(['--from', source.url, '--to', target.url, '--continue'], (l) => lines.push(l)),
    ).toBe(0);
    expect(lines.at(-1)).toMatch(/^verified: /);

    const first = await to.db.selectFrom('errata').select('id').orderBy('id').executeTakeFirstOrThrow();
    await to.db
      .updateTable('errata')
      .set({ title: 'changed in the copy' })
      .where('id', '=', first.id)
      .execute();
    const again: string[] = [];
    expect(
      await migrateData(['--from', source.url, '--to', target.url, '--continue'], (l) => again.push(l)),
    ).toBe(1);
    expect(again).toContain('  errata: 701 rows in the source, 701 in the copy, contents differ');
    await to.close();
  });

  it('should name every table the migrations make', async () => {
    const source = await createTestDatabase('sqlite');
    dropped.push(source);
    const store = openStore(source.url);
    await migrateToLatest(store.db);
    const tables = (await store.db.introspection.getTables())
      .map((t) => t.name)
      .filter((n) => !n.startsWith('kysely_') && !isSearchIndexTable(n));
    await store.close();
    expect(TABLES.map((t) => t.name).sort()).toEqual(tables.sort());
  });
});

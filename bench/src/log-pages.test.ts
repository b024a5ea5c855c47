import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { logPagesOf } from './log-pages.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A SQLite file in the log mode Errata uses, with a table whose index lies in random order to its rows. */
function databaseFile(): { file: string; db: Database.Database } {
  const dir = mkdtempSync(join(tmpdir(), 'log-pages-'));
  dirs.push(dir);
  const file = join(dir, 'test.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(
    'create table notes (id integer primary key, key text not null); create index notes_key on notes (key)',
  );
  const insert = db.prepare('insert into notes (key) values (?)');
  db.transaction(() => {
    for (let n = 0; n < 20_000; n++) insert.run(`${(n * 7919) % 20_011}`.padStart(40, '0'));
  })();
  return { file, db };
}

describe('logPagesOf', () => {
  it('should count every page each commit wrote, named by the b-tree it belongs to', async () => {
    const { file, db } = databaseFile();
    const insert = db.prepare('insert into notes (key) values (?)');
    const count = 500;
    const log = await logPagesOf(file, count, async () => {
      // Ten commits of 50: the table's rows go at its end, the index's entries all over it.
      for (let batch = 0; batch < 10; batch++) {
        db.transaction(() => {
          for (let n = 0; n < 50; n++)
            insert.run(`${((batch * 50 + n + 20_000) * 7919) % 20_011}`.padStart(40, '0'));
        })();
      }
    });
    db.close();
    const share = (name: string) => log.byBtree.find((b) => b.name === name)?.pagesPerReport ?? 0;
    // The index is written on many pages in each commit, the table's rows on one or two.
    expect(share('notes_key')).toBeGreaterThan(share('notes') * 5);
    expect(share('notes')).toBeGreaterThan(0);
    expect(log.pagesPerReport).toBeCloseTo(
      log.byBtree.reduce((sum, b) => sum + b.pagesPerReport, 0),
      6,
    );
    expect(log.kilobytesPerReport).toBeCloseTo((log.pagesPerReport * 4096) / 1024, 6);
  });

  it('should count nothing when nothing was written', async () => {
    const { file, db } = databaseFile();
    const log = await logPagesOf(file, 1, async () => {});
    db.close();
    expect(log.pagesPerReport).toBe(0);
    expect(log.byBtree).toEqual([]);
  });
});

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { checkpointLogs } from './log-checkpoints.ts';
import { openStore, type Store } from './open-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'errata-checkpoints-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Commits `commits` transactions of 20 rows of ~1 KB each: ~6 log pages a commit. */
async function writeRows(store: Store, commits: number): Promise<void> {
  for (let c = 0; c < commits; c++) {
    await store.db.transaction().execute(async (trx) => {
      for (let r = 0; r < 20; r++)
        await sql`insert into filler (body) values (${`${c}-${r}-`.padEnd(1_000, 'x')})`.execute(trx);
    });
  }
}

describe('checkpoints from another connection (SQLite, as the grouping thread runs them)', () => {
  it('should copy the log into the database while the writer commits, leaving the writer nothing to copy', async () => {
    const file = join(dir, 'busy.db');
    const writer = openStore(`sqlite:${file}`);
    const other = openStore(`sqlite:${file}`);
    const checkpoints = checkpointLogs([other.db]);
    try {
      await sql`create table filler (id integer primary key, body text not null)`.execute(writer.db);
      // ~1,800 log pages: far below the writer's own checkpoint interval (8,000).
      await writeRows(writer, 300);
      await expect.poll(() => checkpoints.counts().pages, { timeout: 10_000 }).toBeGreaterThan(1_000);
      // Once the other connection has caught up, a checkpoint by the writer finds every page copied.
      await expect
        .poll(async () => {
          const { rows } = await sql<{
            log: number;
            checkpointed: number;
          }>`pragma wal_checkpoint(PASSIVE)`.execute(writer.db);
          return rows[0]!.log - rows[0]!.checkpointed;
        })
        .toBe(0);
    } finally {
      checkpoints.stop();
      await other.close();
      await writer.close();
    }
    // Closed: the last connection removes the log, and every row is there.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const again = openStore(`sqlite:${file}`);
    try {
      const { rows } = await sql<{ n: number }>`select count(*) as n from filler`.execute(again.db);
      expect(rows[0]!.n).toBe(6_000);
    } finally {
      await again.close();
    }
  });
});

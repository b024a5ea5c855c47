import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from './open-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'errata-checkpointer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Commits `commits` transactions of 20 rows of ~1 KB each: ~6 log pages a commit. */
async function writeRows(store: ReturnType<typeof openStore>, commits: number): Promise<void> {
  for (let c = 0; c < commits; c++) {
    await store.db.transaction().execute(async (trx) => {
      for (let r = 0; r < 20; r++)
        await sql`insert into filler (body) values (${`${c}-${r}-`.padEnd(1_000, 'x')})`.execute(trx);
    });
  }
}

describe('the background checkpointer (SQLite)', () => {
  it('should copy the log into the database while the writer commits, leaving the writer nothing to copy', async () => {
    const file = join(dir, 'busy.db');
    const store = openStore(`sqlite:${file}`, { checkpointInBackground: true });
    try {
      await sql`create table filler (id integer primary key, body text not null)`.execute(store.db);
      // ~1,800 log pages: far below the writer's own checkpoint interval (8,000).
      await writeRows(store, 300);
      await expect.poll(() => store.backgroundCheckpoints?.().pages ?? 0).toBeGreaterThan(1_000);
      // Once the thread has caught up, a checkpoint by the writer finds every page of the log copied.
      await expect
        .poll(async () => {
          const { rows } = await sql<{
            log: number;
            checkpointed: number;
          }>`pragma wal_checkpoint(PASSIVE)`.execute(store.db);
          return rows[0]!.log - rows[0]!.checkpointed;
        })
        .toBe(0);
    } finally {
      await store.close();
    }
    // Closed, the thread's connection first: the last one removes the log, and every row is there.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const again = openStore(`sqlite:${file}`);
    try {
      const { rows } = await sql<{ n: number }>`select count(*) as n from filler`.execute(again.db);
      expect(rows[0]!.n).toBe(6_000);
    } finally {
      await again.close();
    }
  });

  it('should not start for a store opened without it', async () => {
    const store = openStore(`sqlite:${join(dir, 'quiet.db')}`);
    try {
      expect(store.backgroundCheckpoints).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});

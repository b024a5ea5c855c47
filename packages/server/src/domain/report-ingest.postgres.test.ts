import { type Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../base/ids.ts';
import { openStore } from '../store/open-store.ts';
import type { Database } from '../store/schema.ts';
import { demoReport, openTestStore } from '../testing/test-app.ts';
import { ReportIngest } from './report-ingest.ts';

// Two connections writing at once: PostgreSQL only (vitest.config.ts); SQLite has one writer.
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function backendsWaitingOnALock(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from pg_stat_activity
    where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
  return rows[0]?.n ?? 0;
}

const sender = { ip: '192.0.2.7', origin: undefined, requestOrigin: 'http://localhost' };

describe('a resend racing its first arrival', () => {
  it('should answer it as a repeat of the first when that one is stored while the resend is being stored', async () => {
    const t = await openTestStore();
    const other = openStore(t.url);
    const ingest = new ReportIngest(t.store, 'ip-key');
    cleanup = async () => {
      await ingest.stop();
      await other.close();
      await t.cleanup();
    };
    const clientId = newId();
    const firstId = newId();
    // The first arrival, taken by another batch (or instance) and not yet committed: the
    // resend's look-up does not see it, and its insert waits on the unique index.
    let commitFirst = () => {};
    let firstInserted = () => {};
    const inserted = new Promise<void>((resolve) => {
      firstInserted = resolve;
    });
    const firstStored = other.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('report_intake')
        .values({
          id: firstId,
          site_id: 'demo',
          client_id: clientId,
          payload: '{}',
          created_at: new Date().toISOString(),
        })
        .execute();
      await new Promise<void>((resolve) => {
        commitFirst = resolve;
        firstInserted();
      });
    });
    // Only once the first arrival holds its row: the resend must come second.
    await inserted;
    const resend = ingest.accept(demoReport({ clientId }), sender);
    // Until the resend's insert waits on the first arrival's row (not a sleep, which a slow
    // machine could outrun, letting the resend come after the commit and the race go untested).
    await expect.poll(() => backendsWaitingOnALock(t.store.db), { timeout: 10_000 }).toBe(1);
    commitFirst();
    await firstStored;

    expect(await resend).toEqual({ receipt: { id: firstId }, repeat: true });
    const intake = await t.store.db
      .selectFrom('report_intake')
      .select('id')
      .where('client_id', '=', clientId)
      .execute();
    expect(intake).toEqual([{ id: firstId }]);
  });
});

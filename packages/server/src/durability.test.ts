/**
 * "An acknowledged report (HTTP 201) is on disk": a real server process takes a flood of
 * reports and is killed with SIGKILL mid-flood, three times in a row on the same data folder
 * (started again between); every report it acknowledged must be in the database afterwards,
 * exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ReportIngest } from './domain/report-ingest.ts';
import { migrateToLatest } from './store/migrator.ts';
import { openStore } from './store/open-store.ts';
import { intakeCounts } from './store/report-intake-store.ts';
import { freePort } from './testing/free-port.ts';
import { floodDemoArticle, keptReportIds } from './testing/report-flood.ts';
import { startServerProcess } from './testing/server-process.ts';

/** Kills in a row, each on the data the one before left (the original run: three). */
const KILLS = 3;
/** Acknowledged reports each server reaches before it is killed, at least. */
const ACKNOWLEDGED_BEFORE_KILL = 300;
/** Concurrent senders: enough that reports are always in flight when the kill comes. */
const SENDERS = 20;

const dataDir = mkdtempSync(join(tmpdir(), 'errata-kill-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('durability', { timeout: 90_000 }, () => {
  it(`keeps every acknowledged report, exactly once, when the server is killed mid-flood ${KILLS} times`, async () => {
    const acknowledged: string[] = [];
    for (let kill = 1; kill <= KILLS; kill++) {
      const server = await startServerProcess({
        port: await freePort(),
        dataDir,
        env: { ERRATA_REPORTS_PER_MINUTE: '1000000' },
      });
      // Each report's quote is its own, so a report stored twice would show.
      const flood = floodDemoArticle([server.origin], SENDERS, `k${kill}s`);
      await flood.acknowledgedAtLeast(ACKNOWLEDGED_BEFORE_KILL);
      // Not always at the same moment of a write.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 100));
      await server.kill();
      await flood.stop();
      expect(flood.refused.slice(0, 3), server.output()).toEqual([]);
      expect(flood.acknowledged.length).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL);
      acknowledged.push(...flood.acknowledged);
    }

    // As the server opens it: the intake in a file of its own, grouped on a thread.
    const store = openStore(`sqlite:${join(dataDir, 'errata.db')}`, { intakeApart: true });
    try {
      await migrateToLatest(store.db);
      // What the last kill left acknowledged and ungrouped is grouped when Errata starts again.
      const ingest = new ReportIngest(store, 'test-key');
      await ingest.drained();
      await ingest.stop();
      expect((await keptReportIds(store)).waiting.size).toBe(0);
      expect(await intakeCounts(store.intake)).toEqual({ waiting: 0, setAside: 0 });
      const rows = await store.db.selectFrom('reports').select(['id', 'quote_exact']).execute();
      const stored = new Set(rows.map((row) => row.id));
      const found = acknowledged.filter((id) => stored.has(id));
      const quotes = rows.map((row) => row.quote_exact);
      console.log(
        `durability: SIGKILL mid-flood ${KILLS} times: ${acknowledged.length} acknowledged, ${found.length} stored ` +
          `(${rows.length} reports in the database, ${rows.length - found.length} of them unanswered when killed)`,
      );
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
      expect(new Set(acknowledged).size).toBe(acknowledged.length);
      expect(quotes.length - new Set(quotes).size).toBe(0);
    } finally {
      await store.close();
    }
  });
});

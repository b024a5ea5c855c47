/**
 * "An acknowledged report (HTTP 201) is on disk": a real server process takes a flood of
 * reports and is killed with SIGKILL mid-flood; every report it acknowledged must be in the
 * database afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from './store/migrator.ts';
import { openStore } from './store/open-store.ts';
import { freePort } from './testing/free-port.ts';
import { floodReports } from './testing/report-flood.ts';
import { startServerProcess } from './testing/server-process.ts';
import { demoReport } from './testing/test-app.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'errata-kill-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('durability', { timeout: 60_000 }, () => {
  it('keeps every acknowledged report when the server is killed mid-flood', async () => {
    const server = await startServerProcess({
      port: await freePort(),
      dataDir,
      env: { ERRATA_REPORTS_PER_MINUTE: '1000000' },
    });
    const flood = floodReports({
      origins: [server.origin],
      senders: 20,
      report: (sender, n, origin) =>
        demoReport({
          url: `${origin}/demo/articles/harbour-bridge.html`,
          quote: { exact: `w${sender}x${n % 50}`, prefix: `before ${sender} `, suffix: ` after ${n}` },
        }),
    });
    await flood.acknowledgedAtLeast(300);
    await server.kill();
    await flood.stop();
    expect(flood.refused.slice(0, 3)).toEqual([]);

    const store = openStore(`sqlite:${join(dataDir, 'errata.db')}`);
    try {
      await migrateToLatest(store.db);
      const stored = new Set((await store.db.selectFrom('reports').select('id').execute()).map((r) => r.id));
      const lost = flood.acknowledged.filter((id) => !stored.has(id));
      expect(flood.acknowledged.length).toBeGreaterThanOrEqual(300);
      expect(lost).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

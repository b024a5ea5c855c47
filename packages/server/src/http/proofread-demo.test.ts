import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { type RunningServer, startServer } from '../server.ts';
import { listInbox } from '../store/inbox-list.ts';
import { freePort } from '../testing/free-port.ts';
import { reportOf } from '../testing/recheck-fixtures.ts';

let server: RunningServer | null = null;
let dir: string | null = null;
afterEach(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  server = null;
  dir = null;
});

describe('the proofreader on the demo newsroom', () => {
  it("should propose a demo article's planted mistakes soon after its first report", async () => {
    dir = mkdtempSync(join(tmpdir(), 'errata-proofread-demo-'));
    server = await startServer(
      loadConfig({ PORT: String(await freePort()), ERRATA_DATA_DIR: dir, LOG_LEVEL: 'silent' }),
    );
    const page = `${server.url}/demo/articles/night-market.html`;
    const html = await (await fetch(page)).text();
    const report = await fetch(`${server.url}/api/v1/reports?wait=erratum`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify(reportOf(html, 'Gothenberg', { site: 'demo', url: page })),
    });
    expect(report.status).toBe(201);

    // The worker polls every few seconds; the page is read on the server's own address.
    const proposed = async () =>
      (
        await listInbox(server!.store.db, { siteId: 'demo', source: 'proofreader' }, 'oldest', undefined, 50)
      ).map((row) => row.erratum);
    const deadline = Date.now() + 20_000;
    while ((await proposed()).length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(await proposed()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          url: page,
          reports: 0,
          quote: expect.objectContaining({ exact: 'the the' }),
          finding: expect.objectContaining({ rule: 'repeated-word' }),
        }),
      ]),
    );
  }, 30_000);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createApiToken } from '../domain/api-tokens.ts';
import { type RunningServer, startServer } from '../server.ts';
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

describe('the recheck of the demo newsroom', () => {
  it("should read the demo's pages on the server's own address, whatever its port", async () => {
    dir = mkdtempSync(join(tmpdir(), 'errata-recheck-demo-'));
    server = await startServer(
      loadConfig({ PORT: String(await freePort()), ERRATA_DATA_DIR: dir, LOG_LEVEL: 'silent' }),
    );
    const page = `${server.url}/demo/articles/harbour-bridge.html`;
    const html = await (await fetch(page)).text();
    const report = await fetch(`${server.url}/api/v1/reports?wait=erratum`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify(reportOf(html, 'Roterdam', { site: 'demo', url: page })),
    });
    expect(report.status).toBe(201);

    const token = await createApiToken(server.store, 'demo', 'test');
    const response = await fetch(`${server.url}/api/v1/pages/recheck`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ site: 'demo', url: page }),
    });
    const body = await response.json();
    expect(body.fetched).toMatchObject({ ok: true, status: 200 });
    expect(body.errata).toEqual([
      expect.objectContaining({ status: 'open', check: expect.objectContaining({ state: 'still_there' }) }),
    ]);
  });
});

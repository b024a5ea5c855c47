/**
 * "An acknowledged report (HTTP 201) is on disk": a real server process takes a flood of
 * reports and is killed with SIGKILL mid-flood; every report it acknowledged must be in the
 * database afterwards.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from './store/migrator.ts';
import { openStore } from './store/open-store.ts';
import { freePort } from './testing/free-port.ts';
import { demoReport } from './testing/test-app.ts';

const bin = fileURLToPath(new URL('../bin/errata.js', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'errata-kill-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Starts `errata start` on a free port; resolves with its address once it prints its banner. */
async function startProcess(): Promise<{ child: ChildProcess; url: string }> {
  const port = String(await freePort());
  const child = spawn(process.execPath, [bin, 'start'], {
    env: {
      ...process.env,
      PORT: port,
      ERRATA_DATA_DIR: dataDir,
      ERRATA_REPORTS_PER_MINUTE: '1000000',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Errata is running at (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve({ child, url });
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before it was ready: ${output}`)));
  });
}

describe('durability', { timeout: 60_000 }, () => {
  it('keeps every acknowledged report when the server is killed mid-flood', async () => {
    const { child, url } = await startProcess();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const acknowledged: string[] = [];
    const refused: number[] = [];
    let stop = false;
    const sender = async (worker: number) => {
      for (let n = 0; !stop; n++) {
        const word = `w${worker}x${n % 50}`;
        try {
          const response = await fetch(`${url}/api/v1/reports`, {
            method: 'POST',
            headers: { 'content-type': 'text/plain;charset=UTF-8' },
            body: JSON.stringify(
              demoReport({
                url: `${url}/demo/articles/harbour-bridge.html`,
                quote: { exact: word, prefix: `before ${worker} `, suffix: ` after ${n}` },
              }),
            ),
          });
          if (response.status === 201) acknowledged.push((await response.json()).id);
          else refused.push(response.status);
        } catch {
          return; // The server is gone.
        }
      }
    };
    const senders = Array.from({ length: 20 }, (_, worker) => sender(worker));
    const deadline = Date.now() + 30_000;
    while (acknowledged.length < 300 && refused.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    stop = true;
    expect(refused.slice(0, 3)).toEqual([]);
    await Promise.all(senders);
    await exited;

    const store = openStore(`sqlite:${join(dataDir, 'errata.db')}`);
    try {
      await migrateToLatest(store.db);
      const stored = new Set((await store.db.selectFrom('reports').select('id').execute()).map((r) => r.id));
      const lost = acknowledged.filter((id) => !stored.has(id));
      expect(acknowledged.length).toBeGreaterThanOrEqual(300);
      expect(lost).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

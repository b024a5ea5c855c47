import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/open-store.ts';
import { findSiteFlags } from '../store/site-flags-store.ts';

const bin = fileURLToPath(new URL('../../bin/errata.js', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'errata-cli-flags-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function errata(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, ERRATA_DATA_DIR: dataDir, ERRATA_DATABASE_URL: '' },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

async function flagsOf(siteId: string) {
  const store = openStore(`sqlite:${join(dataDir, 'errata.db')}`);
  try {
    return await findSiteFlags(store.db, siteId);
  } finally {
    await store.close();
  }
}

describe('errata site local / public-log', { timeout: 60_000 }, () => {
  it('should switch a site to local and publish its log, with the demo not local until asked', async () => {
    expect(errata('site', 'public-log', 'demo', 'on')).toMatchObject({
      code: 0,
      stdout: 'demo: the corrections log at /c/demo is published',
    });
    expect(await flagsOf('demo')).toEqual({ local: false, publicLog: true });
    expect(errata('site', 'local', 'demo', 'on')).toMatchObject({
      code: 0,
      stdout: 'demo: the recheck may now fetch pages on loopback and private addresses',
    });
    expect(await flagsOf('demo')).toEqual({ local: true, publicLog: true });
    expect(errata('site', 'local', 'demo', 'off')).toMatchObject({
      code: 0,
      stdout: 'demo: the recheck fetches public addresses only',
    });
    expect(await flagsOf('demo')).toEqual({ local: false, publicLog: true });
  });

  it('should refuse an unknown site and a missing on/off in one line each', () => {
    expect(errata('site', 'local', 'nowhere', 'on')).toMatchObject({
      code: 1,
      stderr: 'errata: no site "nowhere"',
    });
    expect(errata('site', 'local', 'demo', 'yes')).toMatchObject({
      code: 1,
      stderr: 'errata: site local needs a site id and on or off, e.g. errata site local courier on',
    });
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCredentials, resolveSession, startSession } from '../domain/sessions.ts';
import { openStore } from '../store/open-store.ts';

const bin = fileURLToPath(new URL('../../bin/errata.js', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'errata-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function errata(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, ERRATA_DATA_DIR: dataDir, ERRATA_DATABASE_URL: '' },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

// Each case starts the real command two or three times: slow on a busy machine.
describe('the errata command', { timeout: 60_000 }, () => {
  it('should migrate a new database', () => {
    const run = errata('migrate');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^applied: 001-initial, 002-/);
    expect(errata('migrate').stdout).toBe('the database is up to date');
  });

  it('should add a user as owner of every site by default', () => {
    const run = errata('user', 'add', '--email', 'Chief@Example.org', '--password', 'long enough secret');
    expect(run).toMatchObject({ code: 0, stdout: 'added chief@example.org as owner of demo' });
  });

  it('should refuse a duplicate user and a short password in one line each', () => {
    const dup = errata('user', 'add', '--email', 'chief@example.org', '--password', 'long enough secret');
    expect(dup).toMatchObject({
      code: 1,
      stderr: 'errata: An account for chief@example.org exists already.',
    });
    const short = errata('user', 'add', '--email', 'new@example.org', '--password', 'short');
    expect(short).toMatchObject({
      code: 1,
      stderr: 'errata: The password must be at least 10 characters long.',
    });
  });

  it('should reset a password without changing roles, unless sites are named', async () => {
    // The account is signed in somewhere before the reset.
    const store = openStore(`sqlite:${join(dataDir, 'errata.db')}`);
    const chief = await checkCredentials(store, 'chief@example.org', 'long enough secret');
    const before = await startSession(store, chief);
    expect(await resolveSession(store, before.cookieValue)).not.toBeNull();
    const reset = errata(
      'user',
      'add',
      '--email',
      'chief@example.org',
      '--password',
      'another long secret',
      '--reset',
    );
    expect(reset).toMatchObject({
      code: 0,
      stdout: 'reset the password of chief@example.org and signed it out everywhere',
    });
    expect(await resolveSession(store, before.cookieValue)).toBeNull();
    expect(await checkCredentials(store, 'chief@example.org', 'another long secret')).toBe(chief);
    await store.close();
    const roleOnly = errata(
      'user',
      'add',
      '--email',
      'chief@example.org',
      '--password',
      'another long secret',
      '--reset',
      '--role',
      'viewer',
    );
    expect(roleOnly.code).toBe(1);
    expect(roleOnly.stderr).toContain('Name the sites (--site)');
  });

  it('should print an API token for a site, and refuse an unknown site', () => {
    const run = errata('token', 'create', '--site', 'demo');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^errata_[A-Za-z0-9_-]{43}$/);
    expect(errata('token', 'create', '--site', 'nope')).toMatchObject({
      code: 1,
      stderr: 'errata: No site with the id "nope".',
    });
  });

  it('should add a site with its origins and print how to embed it', () => {
    const run = errata(
      'site',
      'add',
      '--id',
      'courier',
      '--origin',
      'https://Courier.example/any/path',
      '--key',
      'courier-key',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('added site courier for https://courier.example');
    expect(run.stdout).toContain('data-site="courier-key"');
    const again = errata('site', 'add', '--id', 'courier', '--origin', 'https://courier.example');
    expect(again).toMatchObject({ code: 1, stderr: 'errata: A site with the id "courier" exists already.' });
    const bad = errata('site', 'add', '--id', 'Bad Id', '--origin', 'https://x.example');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('A site id is 1–63 lower-case letters');
  });

  it('should print an invitation link for a site, and refuse an unknown site', () => {
    const run = errata('site', 'invite', '--site', 'demo', '--role', 'owner', '--email', 'new@example.org');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^http:\/\/localhost:\d+\/admin\/invite\?token=[\w-]{43}\nworks once, until /);
    const unknown = errata('site', 'invite', '--site', 'nope');
    expect(unknown).toMatchObject({ code: 1, stderr: 'errata: No site with the id "nope".' });
  });

  it('should explain an unknown command', () => {
    const run = errata('frobnicate');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('unknown command "frobnicate"');
  });
});

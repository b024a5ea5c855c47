/**
 * `errata backup` and `errata restore` as an operator runs them: a backup taken from a server
 * busy storing reports is a whole database holding every report acknowledged before it began;
 * a restore refuses a database in use, replaces a stopped one only when told (keeping it), and
 * a server started on the restored file serves what the backup held. Under the postgres
 * project, the README's pg_dump and pg_restore commands are run the same way instead.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureDemoSite } from '../domain/demo-site.ts';
import { ReportIngest } from '../domain/report-ingest.ts';
import { migrateToLatest } from '../store/migrator.ts';
import { openStore } from '../store/open-store.ts';
import { appendToIntake, intakeCounts, moveIntake } from '../store/report-intake-store.ts';
import { freePort } from '../testing/free-port.ts';
import { floodDemoArticle } from '../testing/report-flood.ts';
import { startServerProcess } from '../testing/server-process.ts';
import { demoReport, TEST_SENDER } from '../testing/test-app.ts';
import { createTestDatabase, testDatabaseKind } from '../testing/test-database.ts';

const onPostgres = testDatabaseKind() === 'postgres';

const bin = fileURLToPath(new URL('../../bin/errata.js', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'errata-backup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs the errata command without blocking this process (the flood goes on meanwhile). */
function errata(
  dataDir: string,
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, ERRATA_DATA_DIR: dataDir, ERRATA_DATABASE_URL: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout: stdout.trim(), stderr: stderr.trim() }));
  });
}

/** Acknowledged reports: grouped into errata, or waiting in the intake (the server's file of it too). */
function reportIdsIn(file: string): Set<string> {
  const ids = idsIn(file, 'select id from reports union all select id from report_intake');
  if (existsSync(`${file}-intake`))
    for (const id of idsIn(`${file}-intake`, 'select id from report_intake')) ids.add(id);
  return ids;
}

function idsIn(file: string, query: string): Set<string> {
  const db = new SqliteDatabase(file, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return new Set(
      db
        .prepare(query)
        .all()
        .map((row) => (row as { id: string }).id),
    );
  } finally {
    db.close();
  }
}

/** Runs a program and collects its exit code and output. */
function run(command: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args);
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => resolve({ code: -1, stderr: error.message }));
    child.on('close', (code) => resolve({ code, stderr: stderr.trim() }));
  });
}

describe.skipIf(!onPostgres)('backing up PostgreSQL the README way', { timeout: 120_000 }, () => {
  it('pg_dump while serving holds every acknowledged report; pg_restore gives a database a server starts on', async () => {
    const source = await createTestDatabase('postgres');
    const target = await createTestDatabase('postgres');
    const dump = join(root, 'errata.dump');
    try {
      const server = await startServerProcess({
        port: await freePort(),
        dataDir: source.dir,
        env: { ERRATA_REPORTS_PER_MINUTE: '1000000', ERRATA_DATABASE_URL: source.url },
      });
      const flood = floodDemoArticle([server.origin], 8, 'b');
      let before: string[] = [];
      try {
        await flood.acknowledgedAtLeast(200);
        before = [...flood.acknowledged];
        const dumped = await run('pg_dump', ['--format=custom', `--file=${dump}`, source.url]);
        expect(dumped).toEqual({ code: 0, stderr: '' });
      } finally {
        await flood.stop();
        await server.stop();
      }
      const restored = await run('pg_restore', ['--clean', '--if-exists', `--dbname=${target.url}`, dump]);
      expect(restored).toEqual({ code: 0, stderr: '' });
      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      const ids = new Set(
        (
          await client.query<{ id: string }>('select id from reports union all select id from report_intake')
        ).rows.map((r) => r.id),
      );
      await client.end();
      console.log(
        `pg_dump while serving: ${before.length} acknowledged before it; the restored database holds ${ids.size}`,
      );
      expect(before.filter((id) => !ids.has(id))).toEqual([]);

      const again = await startServerProcess({
        port: await freePort(),
        dataDir: target.dir,
        env: { ERRATA_DATABASE_URL: target.url },
      });
      try {
        expect((await fetch(`${again.origin}/readyz`)).status).toBe(200);
      } finally {
        await again.stop();
      }
    } finally {
      await source.drop();
      await target.drop();
    }
  });
});

describe.skipIf(onPostgres)('errata backup and restore', { timeout: 120_000 }, () => {
  it('backs up a serving database consistently and restores it only when that is safe', async () => {
    const dataDir = join(root, 'live');
    const backupFile = join(root, 'errata-backup.db');
    const server = await startServerProcess({
      port: await freePort(),
      dataDir,
      env: { ERRATA_REPORTS_PER_MINUTE: '1000000' },
    });
    const flood = floodDemoArticle([server.origin], 8, 'b');
    try {
      await flood.acknowledgedAtLeast(200);
      const before = [...flood.acknowledged];
      const backup = await errata(dataDir, 'backup', backupFile);
      const during = flood.acknowledged.length - before.length;
      expect(backup.stderr).toBe('');
      expect(backup.code).toBe(0);
      expect(backup.stdout).toMatch(
        new RegExp(
          `^backed up to ${backupFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\d+ errata, \\d+ reports`,
        ),
      );
      await flood.stop();
      const inBackup = reportIdsIn(backupFile);
      console.log(
        `backup while serving: ${before.length} reports acknowledged before it, ${during} during it; the backup holds ${inBackup.size}`,
      );
      expect(before.filter((id) => !inBackup.has(id))).toEqual([]);
      expect(during).toBeGreaterThan(0);

      // A second backup to the same file is refused: a backup never overwrites one.
      const again = await errata(dataDir, 'backup', backupFile);
      expect(again).toMatchObject({
        code: 1,
        stderr: `errata: ${backupFile} exists: choose a new file name (a backup never overwrites one)`,
      });

      // While the server has the database open, a restore changes nothing, even with --force.
      const live = await errata(dataDir, 'restore', backupFile, '--force');
      expect(live.code).toBe(1);
      expect(live.stderr).toContain(
        'is in use by a running Errata: stop it, then restore (nothing was changed)',
      );
    } finally {
      await flood.stop();
      await server.stop();
    }

    const stoppedIds = reportIdsIn(join(dataDir, 'errata.db'));
    const refused = await errata(dataDir, 'restore', backupFile);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('exists: add --force to replace it');
    expect(reportIdsIn(join(dataDir, 'errata.db'))).toEqual(stoppedIds);

    const restored = await errata(dataDir, 'restore', backupFile, '--force');
    expect(restored.code).toBe(0);
    const kept = readdirSync(dataDir).filter(
      (name) => name.startsWith('errata.db.before-restore-') && !/-(wal|shm|intake)$/.test(name),
    );
    expect(kept).toHaveLength(1);
    expect(reportIdsIn(join(dataDir, kept[0]!))).toEqual(stoppedIds);
    const backupIds = reportIdsIn(backupFile);
    expect(reportIdsIn(join(dataDir, 'errata.db'))).toEqual(backupIds);

    // A server started on the restored database serves what the backup held.
    const again = await startServerProcess({ port: await freePort(), dataDir, env: {} });
    try {
      expect(existsSync(join(dataDir, 'errata.db'))).toBe(true);
      const health = await fetch(`${again.origin}/readyz`);
      expect(health.status).toBe(200);
    } finally {
      await again.stop();
    }
    expect(reportIdsIn(join(dataDir, 'errata.db'))).toEqual(backupIds);
  });

  it("carries the reports waiting in the server's intake file into the backup, once, and back on restore", async () => {
    const dataDir = join(root, 'waiting');
    const url = `sqlite:${join(dataDir, 'errata.db')}`;
    // A server's files as a stop leaves them: one report grouped (its intake row not yet
    // removed), one acknowledged and waiting.
    const store = openStore(url, { intakeApart: true });
    await migrateToLatest(store.db);
    await ensureDemoSite(store);
    const ingest = new ReportIngest(store, 'test-key');
    const grouped = await ingest.ingest(demoReport(), TEST_SENDER);
    await ingest.stop();
    const rowOf = async (id: string) =>
      store.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const groupedRow = await rowOf(grouped.receipt.id);
    const entry = (id: string, report: unknown) => ({
      id,
      siteId: 'demo',
      clientId: null,
      createdAt: groupedRow.created_at,
      payload: JSON.stringify(report),
    });
    await appendToIntake(store.intake, [
      entry(grouped.receipt.id, { row: groupedRow }),
      entry('01waitingreport0000000000', { row: { ...groupedRow, id: '01waitingreport0000000000' } }),
    ]);
    await store.close();

    const backupFile = join(root, 'waiting.db');
    const backup = await errata(dataDir, 'backup', backupFile);
    expect(backup).toMatchObject({ code: 0, stdout: expect.stringContaining('1 reports (and 1 to group)') });
    expect(idsIn(backupFile, 'select id from report_intake')).toEqual(new Set(['01waitingreport0000000000']));

    // Restored in place of a database with no intake file, the waiting report is grouped from
    // the database's own intake table (a server moves it into its file on start).
    const restoredDir = join(root, 'waiting-restored');
    const restored = await errata(restoredDir, 'restore', backupFile);
    expect(restored, restored.stderr).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('(and 1 to group)'),
    });
    const reopened = openStore(`sqlite:${join(restoredDir, 'errata.db')}`, { intakeApart: true });
    try {
      expect(await moveIntake(reopened.db, reopened.intake)).toBe(1);
      expect(await intakeCounts(reopened.intake)).toEqual({ waiting: 1, setAside: 0 });
      expect(await intakeCounts(reopened.db)).toEqual({ waiting: 0, setAside: 0 });
    } finally {
      await reopened.close();
    }
  });

  it('refuses a file that is not an Errata database, and names the PostgreSQL way', async () => {
    const dataDir = join(root, 'other');
    const notADatabase = join(root, 'notes.txt');
    writeFileSync(notADatabase, 'these are not the rows you are looking for');
    const run = await errata(dataDir, 'restore', notADatabase, '--force');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^errata: .*notes\.txt (cannot be opened as a database|is not a readable database|is damaged)/,
    );
    expect(existsSync(join(dataDir, 'errata.db'))).toBe(false);

    const pg = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [bin, 'backup', join(root, 'pg.dump')], {
        env: { ...process.env, ERRATA_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/errata' },
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('close', (code) => resolve({ code, stderr: stderr.trim() }));
    });
    expect(pg.code).toBe(1);
    expect(pg.stderr).toContain('pg_dump --format=custom');
  });
});

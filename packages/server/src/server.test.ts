import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { type RunningServer, startServer } from './server.ts';
import { freePort } from './testing/free-port.ts';
import { demoReport } from './testing/test-app.ts';

const dirs: string[] = [];
const servers: RunningServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function configFor(env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'errata-server-'));
  dirs.push(dir);
  const port = String(await freePort());
  return loadConfig({ PORT: port, ERRATA_DATA_DIR: dir, LOG_LEVEL: 'silent', ...env });
}

describe('a started server on a real port', () => {
  it('should take a report over TCP from the demo page’s own origin, whatever the port', async () => {
    const server = await startServer(await configFor());
    servers.push(server);
    const page = `${server.url}/demo/articles/harbour-bridge.html`;
    const response = await fetch(`${server.url}/api/v1/reports?wait=erratum`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: server.url },
      body: JSON.stringify(demoReport({ url: page })),
    });
    expect(response.status).toBe(201);
    expect((await response.json()).erratum.reports).toBe(1);
  });

  it('should create the database file and a setup link on first start', async () => {
    const config = await configFor();
    const server = await startServer(config);
    servers.push(server);
    expect(server.firstSignIn.kind).toBe('setup-link');
    expect(existsSync(join(config.dataDir, 'errata.db'))).toBe(true);
    const migrations = await server.store.db
      .selectFrom('kysely_migration' as never)
      .select('name' as never)
      .execute();
    expect(migrations.length).toBeGreaterThan(0);
  });

  it('should say in one line that the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, 'localhost', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startServer(await configFor({ PORT: String(port) }))).rejects.toThrow(
        `port ${port} is taken: stop the other server or start with PORT=<another port>`,
      );
    } finally {
      blocker.close();
    }
  });
});

describe('configuration errors', () => {
  it('should refuse a port that is not a number', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(
      'PORT "eighty" must be a whole number from 1 to 65535',
    );
  });

  it('should refuse a database URL it does not understand', async () => {
    await expect(startServer(await configFor({ ERRATA_DATABASE_URL: 'mysql://db/errata' }))).rejects.toThrow(
      'ERRATA_DATABASE_URL "mysql://db/errata" is not a database URL',
    );
  });

  it('should say in one line that a PostgreSQL database cannot be reached', async () => {
    const closed = await freePort();
    await expect(
      startServer(await configFor({ ERRATA_DATABASE_URL: `postgres://errata@127.0.0.1:${closed}/errata` })),
    ).rejects.toThrow(`cannot reach the database: connect ECONNREFUSED 127.0.0.1:${closed}`);
  });

  it('should say which data directory cannot be written', async () => {
    const config = await configFor();
    // A path under a regular file can never be a folder, even for root (who may write anywhere else).
    const blocked = join(config.dataDir, 'errata.db', 'sub');
    await startServer(config).then((server) => server.close());
    await expect(
      startServer({ ...config, databaseUrl: `sqlite:${join(blocked, 'errata.db')}` }),
    ).rejects.toThrow(
      `the data directory ${blocked} is not writable (ENOTDIR): set ERRATA_DATA_DIR to a writable folder`,
    );
  });
});

/**
 * The database failing under a serving instance, as it does in production: SQLite's disk filling
 * up or its file turning read-only, PostgreSQL's connection cut (a TCP proxy between the server
 * and PostgreSQL drops every connection and refuses new ones). Reports are then answered 503
 * with Retry-After and the reason (the widget keeps them and sends them again), /readyz says
 * why, and everything resumes once the database does, without a restart; every report
 * acknowledged before, during and after is stored.
 */
import { createServer, type Server, Socket } from 'node:net';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from './store/open-store.ts';
import { keptReportIds } from './testing/report-flood.ts';
import { demoReport, openTestApp, openTestStore, type TestApp } from './testing/test-app.ts';
import { testDatabaseKind } from './testing/test-database.ts';

const kind = testDatabaseKind();
let t: TestApp | undefined;
let closeAll: (() => Promise<void>)[] = [];
afterEach(async () => {
  await t?.close();
  for (const close of closeAll.reverse()) await close();
  t = undefined;
  closeAll = [];
});

let sent = 0;
/** A report of its own spot, with a comment long enough to need new pages of the file. */
async function post(app: TestApp['app']) {
  const n = sent++;
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    payload: demoReport({
      quote: { exact: `word${n}`, prefix: `before ${n} `, suffix: ` after ${n}` },
      position: { start: n * 10, end: n * 10 + 5 },
      comment: `${'A reader explains the mistake at length. '.repeat(45)}${n}`,
    }),
  });
  return {
    status: response.statusCode,
    retryAfter: response.headers['retry-after'],
    error: response.statusCode >= 400 ? (response.json().error as string) : null,
    id: response.statusCode < 300 ? (response.json().id as string) : null,
  };
}

async function readiness(app: TestApp['app']) {
  const response = await app.inject({ url: '/readyz' });
  return { status: response.statusCode, body: response.json() as { status?: string; error?: string } };
}

/** Ids of the reports grouped into errata, once grouping (which resumes by itself after an outage) caught up. */
async function storedIds(app: TestApp): Promise<Set<string>> {
  await expect.poll(async () => (await keptReportIds(app.store)).waiting.size, { timeout: 10_000 }).toBe(0);
  return (await keptReportIds(app.store)).grouped;
}

describe.skipIf(kind !== 'sqlite')('SQLite failing under the server', () => {
  it('answers 503 while the disk is full, says so in /readyz, and resumes once there is room', async () => {
    t = await openTestApp();
    const acknowledged: string[] = [];
    const first = await post(t.app);
    expect(first.status).toBe(201);
    acknowledged.push(first.id as string);

    // The file may not grow past its size now: as a full disk, SQLITE_FULL on the next new page.
    const [{ page_count }] = (await sql<{ page_count: number }>`pragma page_count`.execute(t.store.db))
      .rows as [{ page_count: number }];
    await sql.raw(`pragma max_page_count = ${page_count}`).execute(t.store.db);
    let refused: Awaited<ReturnType<typeof post>> | null = null;
    for (let attempt = 0; attempt < 200 && refused === null; attempt++) {
      const answer = await post(t.app);
      if (answer.status === 201) acknowledged.push(answer.id as string);
      else refused = answer;
    }
    expect(refused).toEqual({
      status: 503,
      retryAfter: '5',
      error:
        'Errata cannot use its database right now (the disk is full): nothing was changed, try again in a moment.',
      id: null,
    });
    const down = await readiness(t.app);
    expect(down.status).toBe(503);
    expect(down.body.error).toMatch(/^The database cannot be used: the disk is full \(since \d{4}-/);

    await sql.raw('pragma max_page_count = 1073741823').execute(t.store.db);
    expect(await readiness(t.app)).toEqual({ status: 200, body: { status: 'ready' } });
    const after = await post(t.app);
    expect(after.status).toBe(201);
    acknowledged.push(after.id as string);
    const stored = await storedIds(t);
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
  });

  it('answers 503 while the file is read-only, and resumes once it is writable', async () => {
    t = await openTestApp();
    await sql`pragma query_only = 1`.execute(t.store.db);
    const refused = await post(t.app);
    expect(refused).toMatchObject({ status: 503, retryAfter: '5' });
    expect(refused.error).toContain('(the database file is read-only)');
    expect((await readiness(t.app)).body.error).toMatch(/the database file is read-only/);

    await sql`pragma query_only = 0`.execute(t.store.db);
    expect((await readiness(t.app)).status).toBe(200);
    const after = await post(t.app);
    expect(after.status).toBe(201);
    expect((await storedIds(t)).has(after.id as string)).toBe(true);
  });
});

/** A TCP proxy to PostgreSQL that can cut every connection and refuse new ones, then let them through again. */
async function startCuttableProxy(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  let cut = false;
  const server: Server = createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = new Socket();
    sockets.add(client).add(upstream);
    const forget = () => {
      sockets.delete(client);
      sockets.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', forget).on('close', forget);
    upstream.on('error', forget).on('close', forget);
    upstream.connect(target.port, target.host, () => {
      client.pipe(upstream);
      upstream.pipe(client);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    cut() {
      cut = true;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    restore() {
      cut = false;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.skipIf(kind !== 'postgres')('PostgreSQL failing under the server', () => {
  it('answers 503 while the connection is cut, says so in /readyz, and resumes by itself', async () => {
    const database = await openTestStore();
    closeAll.push(database.cleanup);
    const url = new URL(database.url);
    const proxy = await startCuttableProxy({ host: url.hostname, port: Number(url.port || 5432) });
    closeAll.push(proxy.close);
    url.host = `127.0.0.1:${proxy.port}`;
    const throughProxy = openStore(url.toString());
    closeAll.push(() => throughProxy.close());
    t = await openTestApp({ store: throughProxy });

    const acknowledged: string[] = [];
    const before = await post(t.app);
    expect(before.status).toBe(201);
    acknowledged.push(before.id as string);

    proxy.cut();
    const refused = await post(t.app);
    expect(refused).toMatchObject({ status: 503, retryAfter: '5' });
    expect(refused.error).toContain('(the connection to PostgreSQL is lost)');
    const down = await readiness(t.app);
    expect(down.status).toBe(503);
    expect(down.body.error).toMatch(/the connection to PostgreSQL is lost/);

    proxy.restore();
    await expect.poll(async () => (await readiness(t!.app)).status, { timeout: 10_000 }).toBe(200);
    const after = await post(t.app);
    expect(after.status).toBe(201);
    acknowledged.push(after.id as string);
    const stored = await storedIds(t);
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
  });
});

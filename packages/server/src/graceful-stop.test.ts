/**
 * "A stop loses nothing it acknowledged": a real server process takes a flood of reports and
 * gets SIGTERM mid-flood. It must exit 0 within 10 s, every report it acknowledged must be in
 * the database, whatever it answered after the signal is a refusal (503) or no answer at all
 * (connection refused), and a live event stream gets a last retry hint and ends.
 */
import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from './store/migrator.ts';
import { openStore } from './store/open-store.ts';
import { openEventStream } from './testing/event-stream-client.ts';
import { freePort } from './testing/free-port.ts';
import { floodDemoArticle, keptReportIds } from './testing/report-flood.ts';
import { startServerProcess } from './testing/server-process.ts';
import { demoReport } from './testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from './testing/test-database.ts';

/** Acknowledged reports before the signal, at least: the queue is busy when it comes. */
const ACKNOWLEDGED_BEFORE_STOP = 300;
/** Concurrent senders: enough that reports are always in flight when the signal comes. */
const SENDERS = 20;
/** The stop's promise (cli/main.ts): exit 0 within this. */
const STOP_WITHIN_MS = 10_000;
const ADMIN = { email: 'owner@example.org', password: 'correct horse battery staple' };

const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const database of databases) await database.drop();
});

describe('graceful stop', { timeout: 120_000 }, () => {
  it('should exit 0 on SIGTERM mid-flood within 10 s, having stored every acknowledged report', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const server = await startServerProcess({
      port: await freePort(),
      dataDir: database.dir,
      env: {
        ERRATA_DATABASE_URL: database.url,
        ERRATA_REPORTS_PER_MINUTE: '1000000',
        ERRATA_ADMIN_EMAIL: ADMIN.email,
        ERRATA_ADMIN_PASSWORD: ADMIN.password,
      },
    });
    const signIn = await fetch(`${server.origin}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(signIn.status, server.output()).toBe(200);
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const stream = await openEventStream(`${server.origin}/api/v1/events?site=demo`, { cookie });
    expect(await stream.next()).toEqual({ kind: 'retry', retry: 5_000 });

    const flood = floodDemoArticle([server.origin], SENDERS, 't');
    await flood.acknowledgedAtLeast(ACKNOWLEDGED_BEFORE_STOP);
    expect(flood.refused, server.output()).toEqual([]);

    // What the stream says after the signal: a retry hint, then its end. Events of the
    // flood's reports may come before: the owner watches the demo site.
    const lastWords = (async () => {
      for (;;) {
        const message = await stream.next(STOP_WITHIN_MS);
        if (message === null || message.kind !== 'event') return [message, await stream.next(STOP_WITHIN_MS)];
      }
    })();
    const signalledAt = Date.now();
    const code = await server.stop();
    const stoppedInMs = Date.now() - signalledAt;
    await flood.stop();

    expect(code, server.output()).toBe(0);
    expect(stoppedInMs).toBeLessThan(STOP_WITHIN_MS);
    expect(await lastWords).toEqual([{ kind: 'retry', retry: expect.any(Number) }, null]);
    // After the signal: 503 from a server finishing its requests, or no server at all.
    expect(flood.refused.filter((status) => status !== 503)).toEqual([]);
    await expect(
      fetch(`${server.origin}/api/v1/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(demoReport({ url: `${server.origin}/demo/articles/harbour-bridge.html` })),
      }),
    ).rejects.toThrow();

    // As the server opened it: on SQLite the intake is a file of its own.
    const store = openStore(database.url, { intakeApart: true });
    try {
      await migrateToLatest(store.db);
      const { grouped, waiting } = await keptReportIds(store);
      const acknowledged = flood.acknowledged;
      const kept = acknowledged.filter((id) => grouped.has(id) || waiting.has(id));
      console.log(
        `graceful stop: SIGTERM mid-flood, exit ${code} in ${stoppedInMs} ms: ${acknowledged.length} acknowledged, ` +
          `${kept.length} of them stored (${grouped.size} reports grouped, ${waiting.size} waiting in the intake for the next start, ${flood.refused.length} refused with 503)`,
      );
      expect(acknowledged.filter((id) => !grouped.has(id) && !waiting.has(id))).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('should exit 1 after 10 s, naming what it still waited for, when a request never ends', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const server = await startServerProcess({
      port: await freePort(),
      dataDir: database.dir,
      env: { ERRATA_DATABASE_URL: database.url },
    });
    // A report whose body never finishes arriving: the request stays in flight.
    const { port } = new URL(server.origin);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      'POST /api/v1/reports HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"site":',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));

    const signalledAt = Date.now();
    const code = await server.stop();
    const stoppedInMs = Date.now() - signalledAt;
    socket.destroy();
    expect(code, server.output()).toBe(1);
    expect(stoppedInMs).toBeGreaterThanOrEqual(STOP_WITHIN_MS - 500);
    expect(stoppedInMs).toBeLessThan(STOP_WITHIN_MS + 5_000);
    expect(server.output()).toContain('not stopped after 10 s, still waiting for: requests in flight');
  });
});

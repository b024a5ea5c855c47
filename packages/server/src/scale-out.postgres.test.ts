/**
 * Several instances, proved with real processes: three `errata start` on one PostgreSQL
 * database and one Redis, reports sent round-robin by many clients.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from './base/ids.ts';
import { createApiToken } from './domain/api-tokens.ts';
import { openStore, type Store } from './store/open-store.ts';
import { setSiteFlag } from './store/site-flags-store.ts';
import { openEventStream } from './testing/event-stream-client.ts';
import { floodReports } from './testing/report-flood.ts';
import { type ServerInstances, startServerInstances } from './testing/server-instances.ts';
import type { ServerProcess } from './testing/server-process.ts';
import { demoReport } from './testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from './testing/test-database.ts';
import { redisUnavailable } from './testing/test-redis.ts';
import { addTestWebhook, startWebhookReceiver, type WebhookReceiver } from './testing/webhook-receiver.ts';

const redisMissing = await redisUnavailable();
const SECRET = 'whsec_scale_out';
/** Reports one address may send per minute on every instance (the limit the flood meets once). */
const PER_MINUTE = 20;
/** The address readers and editors know the three by (a load balancer's); the demo's pages are there. */
const PUBLIC_URL = 'http://errata.example';

/** Headers a load balancer in front of the three adds: the client's address and the public host. */
const viaLoadBalancer = (clientAddress: string) => ({
  'x-forwarded-for': clientAddress,
  'x-forwarded-host': new URL(PUBLIC_URL).host,
  'x-forwarded-proto': 'http',
});

describe.skipIf(redisMissing !== null)(
  'three instances on one PostgreSQL database and one Redis',
  { timeout: 120_000 },
  () => {
    let database: TestDatabase;
    let store: Store;
    let servers: ServerInstances;
    let instances: ServerProcess[];
    let receiver: WebhookReceiver;
    let token: string;

    beforeAll(async () => {
      database = await createTestDatabase('postgres');
      // Started together: the three migrate one empty database at the same moment.
      servers = await startServerInstances(3, {
        database,
        env: {
          ERRATA_REPORTS_PER_MINUTE: String(PER_MINUTE),
          // Behind one load balancer: one public address, and each client's own address forwarded.
          ERRATA_PUBLIC_URL: PUBLIC_URL,
          ERRATA_TRUST_PROXY: '1',
        },
      });
      instances = servers.all;
      store = openStore(database.url);
      receiver = await startWebhookReceiver(SECRET);
      // The receiver listens on loopback: the operator lets the demo's webhooks reach it.
      await setSiteFlag(store.db, 'demo', 'local', true);
      await addTestWebhook(store.db, receiver.url, SECRET);
      token = await createApiToken(store, 'demo', 'scale-out test');
    });

    afterAll(async () => {
      await servers?.stop();
      await receiver?.close();
      await store?.close();
      await database?.drop();
    });

    /** A report of one of a few spots on the demo page. */
    const spotReport = (spot: number, clientId = newId()) =>
      demoReport({
        url: `${PUBLIC_URL}/demo/articles/harbour-bridge.html`,
        quote: { exact: `Roterdam${spot}`, prefix: 'engineers from ', suffix: ' will inspect the' },
        clientId,
      });

    it('should group reports sent round-robin into one erratum per spot, tell every instance’s editors, and deliver each event once', async () => {
      const streams = await Promise.all(
        instances.map((i) =>
          openEventStream(`${i.origin}/api/v1/events?site=demo`, { authorization: `Bearer ${token}` }),
        ),
      );
      const seen = instances.map(() => new Map<string, number>());
      const reading = streams.map(async (stream, n) => {
        for (;;) {
          const message = await stream.next(30_000).catch(() => null);
          if (message === null) return;
          if (message.kind !== 'event') continue;
          const { erratum } = JSON.parse(message.data) as { erratum: { id: string; reports: number } };
          seen[n]?.set(erratum.id, Math.max(seen[n]?.get(erratum.id) ?? 0, erratum.reports));
        }
      });

      // 60 clients, each its own address, each sending one report: 4 spots × 15, all at once.
      const answers = await Promise.all(
        Array.from({ length: 60 }, async (_, client) => {
          const origin = (instances[client % 3] as ServerProcess).origin;
          const response = await fetch(`${origin}/api/v1/reports?wait=erratum`, {
            method: 'POST',
            headers: {
              'content-type': 'text/plain;charset=UTF-8',
              ...viaLoadBalancer(`198.51.100.${client + 1}`),
            },
            body: JSON.stringify(spotReport(client % 4)),
          });
          expect(response.status).toBe(201);
          return (await response.json()) as { id: string; erratum: { id: string; reports: number } };
        }),
      );

      const errata = await store.db
        .selectFrom('errata')
        .select(['id', 'report_count'])
        .where('quote_exact', 'like', 'Roterdam%')
        .execute();
      expect(errata.map((e) => e.report_count)).toEqual([15, 15, 15, 15]);
      for (const erratum of errata) {
        const counts = answers.filter((a) => a.erratum.id === erratum.id).map((a) => a.erratum.reports);
        expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 15 }, (_, n) => n + 1));
      }
      const stored = await store.db
        .selectFrom('reports')
        .select('id')
        .where(
          'erratum_id',
          'in',
          errata.map((e) => e.id),
        )
        .execute();
      expect(new Set(stored.map((r) => r.id))).toEqual(new Set(answers.map((a) => a.id)));

      // Every instance's live stream shows every erratum at its final count.
      for (const n of [0, 1, 2]) {
        await expect
          .poll(() => errata.map((e) => seen[n]?.get(e.id) ?? 0), { timeout: 10_000 })
          .toEqual([15, 15, 15, 15]);
      }
      for (const stream of streams) stream.close();
      await Promise.all(reading);

      // One event per report (4 created, 56 reported), each delivered by one instance, once.
      const ids = await receiver.waitForIds(60, 30_000);
      expect(ids).toHaveLength(60);
      const accepted = receiver.received.filter((r) => r.signed && r.answered !== null && r.answered < 300);
      expect(accepted).toHaveLength(60);
    });

    it('should meet one rate limit per address across the three instances', async () => {
      const statuses: number[] = [];
      for (let n = 0; n < PER_MINUTE + 9; n++) {
        const origin = (instances[n % 3] as ServerProcess).origin;
        const response = await fetch(`${origin}/api/v1/reports?wait=erratum`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain;charset=UTF-8', ...viaLoadBalancer('203.0.113.9') },
          body: JSON.stringify(spotReport(9)),
        });
        statuses.push(response.status);
      }
      expect(statuses.filter((s) => s === 201)).toHaveLength(PER_MINUTE);
      expect(statuses.slice(PER_MINUTE)).toEqual(Array(9).fill(429));
    });

    it('should keep every acknowledged report, once, when one instance is killed mid-flood, and go on answering', async () => {
      const flood = floodReports({
        origins: instances.map((i) => i.origin),
        senders: 30,
        headers: (sender) => viaLoadBalancer(`192.0.2.${sender + 1}`),
        report: (sender, n) => ({ ...spotReport(n % 7), comment: `flood ${sender}/${n}` }),
      });
      // Each address may send PER_MINUTE reports: 30 senders stay under it until 600.
      await flood.acknowledgedAtLeast(150);
      await (instances[2] as ServerProcess).kill();
      await flood.acknowledgedAtLeast(flood.acknowledged.length + 60);
      await flood.stop();
      expect(flood.refused).toEqual([]);

      // What the killed instance acknowledged and did not group, the others find and group.
      const grouped = () =>
        store.db.selectFrom('reports').select('id').where('id', 'in', flood.acknowledged).execute();
      await expect
        .poll(async () => (await grouped()).length, { timeout: 20_000 })
        .toBe(new Set(flood.acknowledged).size);
      expect(new Set((await grouped()).map((r) => r.id))).toEqual(new Set(flood.acknowledged));
      const [first, second] = instances as [ServerProcess, ServerProcess];
      for (const origin of [first.origin, second.origin]) {
        expect((await fetch(`${origin}/readyz`)).status).toBe(200);
      }
    });
  },
);

import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../testing/free-port.ts';
import { demoReport, openTestApp, type TestApp } from '../testing/test-app.ts';
import { openTestRedisLink, recordingLog, redisUnavailable } from '../testing/test-redis.ts';
import { openRedisLink, type RedisLink } from './redis-link.ts';

const redisMissing = await redisUnavailable();

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An instance allowing 3 reports a minute per address; a second one shares the first's store. */
async function instance(redis: RedisLink, first?: TestApp): Promise<TestApp> {
  const app = await openTestApp({ reportsPerMinute: 3, redis, ...(first ? { store: first.store } : {}) });
  cleanups.push(app.close);
  return app;
}

async function post(app: TestApp, n: number): Promise<number> {
  const response = await app.app.inject({
    method: 'POST',
    url: '/api/v1/reports?wait=erratum',
    remoteAddress: '198.51.100.7',
    payload: demoReport({ quote: { exact: `Roterdam${n}`, prefix: 'engineers from ', suffix: ' will' } }),
  });
  return response.statusCode;
}

describe.skipIf(redisMissing !== null)('rate limits through Redis', () => {
  it('should meet one limit per address across instances', async () => {
    const prefix = `errata-test:${Math.random().toString(36).slice(2)}:`;
    const linkA = await openTestRedisLink(undefined, prefix);
    const linkB = await openTestRedisLink(undefined, prefix);
    cleanups.push(linkA.close, linkB.close);
    const a = await instance(linkA);
    const b = await instance(linkB, a);
    const statuses = [
      await post(a, 1),
      await post(b, 2),
      await post(a, 3),
      await post(b, 4),
      await post(a, 5),
    ];
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
  });

  it('should take reports and count per instance while Redis cannot be reached, saying so once', async () => {
    const log = recordingLog();
    const unreachable = openRedisLink(`redis://127.0.0.1:${await freePort()}`, log, 'errata-test:');
    cleanups.push(unreachable.close);
    const a = await instance(unreachable);
    const statuses = [await post(a, 1), await post(a, 2), await post(a, 3), await post(a, 4)];
    expect(statuses).toEqual([201, 201, 201, 429]);
    await expect
      .poll(() => log.lines, { timeout: 5_000 })
      .toEqual([
        expect.stringMatching(
          /^warn: Redis at redis:\/\/127\.0\.0\.1:\d+\/? is unreachable .*counted by this instance alone/,
        ),
      ]);
  });
});

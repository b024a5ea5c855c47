import type { ErratumEvent } from '@errata/core';
import { afterEach, describe, expect, it } from 'vitest';
import { demoReport, openTestApp, type TestApp } from '../testing/test-app.ts';
import {
  type OwnRedis,
  openTestRedisLink,
  recordingLog,
  redisUnavailable,
  startOwnRedis,
} from '../testing/test-redis.ts';
import type { RedisLink } from './redis-link.ts';
import { RedisLiveEvents } from './redis-live-events.ts';

const redisMissing = await redisUnavailable();

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function link(url?: string, prefix?: string, log = recordingLog()): Promise<RedisLink> {
  const opened = await openTestRedisLink(url, prefix, log);
  cleanups.push(() => opened.close());
  return opened;
}

function received(events: RedisLiveEvents, siteId = 'demo'): ErratumEvent[] {
  const got: ErratumEvent[] = [];
  const stop = events.subscribe(siteId, ({ event }) => got.push(event));
  cleanups.push(async () => stop());
  return got;
}

/** A report posted, seen as the live event its instance publishes. */
async function post(app: TestApp, exact: string): Promise<string> {
  const response = await app.app.inject({
    method: 'POST',
    url: '/api/v1/reports?wait=erratum',
    payload: demoReport({ quote: { exact, prefix: 'engineers from ', suffix: ' will inspect the' } }),
  });
  expect(response.statusCode).toBe(201);
  return (response.json() as { erratum: { id: string } }).erratum.id;
}

describe.skipIf(redisMissing !== null)('live events through Redis', () => {
  it('should show an editor on instance A a report posted to instance B, once', async () => {
    const prefix = `errata-test:${Math.random().toString(36).slice(2)}:`;
    const a = await openTestApp({ redis: await link(undefined, prefix) });
    cleanups.push(a.close);
    const b = await openTestApp({ store: a.store, redis: await link(undefined, prefix) });
    cleanups.push(b.close);
    const onA = received(a.services.events as RedisLiveEvents);
    const onB = received(b.services.events as RedisLiveEvents);

    const id = await post(b, 'Roterdam');
    await expect.poll(() => onA.map((e) => e.erratum.id), { timeout: 5_000 }).toContain(id);
    // A later report from A: once it has arrived everywhere, nothing of the first can still be on its way.
    const later = await post(a, 'Amsterdm');
    await expect.poll(() => onB.map((e) => e.erratum.id), { timeout: 5_000 }).toContain(later);
    await expect.poll(() => onA.map((e) => e.erratum.id), { timeout: 5_000 }).toContain(later);
    expect(onA.filter((e) => e.erratum.id === id)).toHaveLength(1);
    expect(onB.filter((e) => e.erratum.id === id)).toHaveLength(1);
    expect(onA.filter((e) => e.erratum.id === later)).toHaveLength(1);
  });

  it('should keep events on their own instance while Redis is down, and share them again once it is back', async () => {
    const own: OwnRedis = await startOwnRedis();
    cleanups.push(own.stop);
    const prefix = 'errata-test:';
    const logA = recordingLog();
    const a = new RedisLiveEvents(await link(own.url, prefix, logA));
    const b = new RedisLiveEvents(await link(own.url, prefix));
    const onA = received(a);
    const onB = received(b);

    await own.stop();
    await expect
      .poll(() => logA.lines.filter((l) => l.startsWith('warn')), { timeout: 5_000 })
      .toHaveLength(1);
    a.publish(liveEvent('during-outage'));
    expect(onA.map((e) => e.erratum.id)).toEqual(['during-outage']);

    await own.start();
    await expect.poll(() => logA.lines.at(-1), { timeout: 10_000 }).toMatch(/^info: Redis at .* is back/);
    // Resubscribing follows reconnecting: publish until B hears, as an editor's next report would.
    await expect
      .poll(
        () => {
          a.publish(liveEvent('after'));
          return onB.some((e) => e.erratum.id === 'after');
        },
        { timeout: 10_000, interval: 200 },
      )
      .toBe(true);
    expect(onB.map((e) => e.erratum.id)).not.toContain('during-outage');
    expect(logA.lines.filter((l) => l.startsWith('warn'))).toHaveLength(1);
  });
});

/** An event whose erratum carries only what the bus reads: its id and site. */
function liveEvent(id: string): ErratumEvent {
  return { type: 'erratum.updated', erratum: { id, site: 'demo' }, actorId: null } as unknown as ErratumEvent;
}

import type { ErratumEvent } from '@errata/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../store/open-store.ts';
import { demoReport, openTestStore } from '../testing/test-app.ts';
import { InMemoryLiveEvents } from './live-events.ts';
import { ReportAnnouncer } from './report-announcer.ts';
import { ReportIngest } from './report-ingest.ts';

let store: Store;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ store, cleanup } = await openTestStore());
});
afterEach(async () => cleanup());

const sender = { ip: '192.0.2.1', origin: undefined, requestOrigin: 'http://localhost' };

async function storedErratum(exact: string): Promise<string> {
  const ingest = new ReportIngest(store, 'key');
  const { receipt } = await ingest.ingest(demoReport({ quote: { exact, prefix: '', suffix: '' } }), sender);
  return receipt.erratum.id;
}

describe('ReportAnnouncer', () => {
  it('should publish one event per erratum of a batch, with the erratum as stored', async () => {
    const [a, b] = [await storedErratum('Roterdam'), await storedErratum('Minks')];
    const events = new InMemoryLiveEvents();
    const seen: ErratumEvent[] = [];
    events.subscribe('demo', ({ event }) => seen.push(event));
    const announcer = new ReportAnnouncer(store, events, (error) => {
      throw error;
    });
    announcer.announce([
      { siteId: 'demo', erratumId: a },
      { siteId: 'demo', erratumId: a },
      { siteId: 'demo', erratumId: b },
    ]);
    expect(seen).toEqual([]);
    await announcer.drained();
    expect(seen.map((event) => event.erratum.id).sort()).toEqual([a, b].sort());
    expect(seen.every((event) => event.cause === 'report' && event.actorId === null)).toBe(true);
    expect(seen.find((event) => event.erratum.id === a)?.erratum.quote.exact).toBe('Roterdam');
  });

  it('should read nothing back for a site nobody watches', async () => {
    const a = await storedErratum('Roterdam');
    const events = new InMemoryLiveEvents();
    const published: ErratumEvent[] = [];
    events.publish = (event) => void published.push(event);
    const announcer = new ReportAnnouncer(store, events, () => {});
    announcer.announce([{ siteId: 'demo', erratumId: a }]);
    await announcer.drained();
    expect(published).toEqual([]);
  });

  it('should announce stored reports through the ingest once they are committed', async () => {
    const events = new InMemoryLiveEvents();
    const seen: ErratumEvent[] = [];
    events.subscribe('demo', ({ event }) => seen.push(event));
    const ingest = new ReportIngest(store, 'key', { events, onError: () => {} });
    await Promise.all([ingest.ingest(demoReport(), sender), ingest.ingest(demoReport(), sender)]);
    await ingest.drained();
    // One event per committed batch that held reports of the erratum; the last one counts both.
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.length).toBeLessThanOrEqual(2);
    expect(seen.at(-1)?.erratum.reports).toBe(2);
  });
});

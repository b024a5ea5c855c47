import type { ReportInput } from '@errata/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffMs, createOutbox } from './outbox.ts';
import { openQueue, QUEUE_MAX, QUEUE_MAX_AGE_MS } from './queue.ts';
import type { Delivery } from './send.ts';

const ENDPOINT = 'https://errata.example.org';

/** A localStorage stand-in. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  } as Storage;
}

function report(n: number): ReportInput & { clientId: string } {
  return {
    site: 'demo-site',
    url: 'https://news.example.org/bridge',
    quote: { exact: `word${n}`, prefix: '', suffix: '' },
    position: { start: 0, end: 5 },
    suggestion: `fix ${n}`,
    clientId: `client-id-${String(n).padStart(8, '0')}`,
  };
}

/** A server that answers each send with the next scripted delivery (the last one repeats). */
function server(...answers: Delivery[]) {
  return vi.fn(
    async (_endpoint: string, _report: ReportInput): Promise<Delivery> => answers.shift() ?? later,
  );
}
const sent: Delivery = {
  kind: 'sent',
  receipt: { id: 'r1', erratum: { id: 'e1', reports: 1, status: 'open' } },
};
const later: Delivery = { kind: 'later', status: 0 };

let storage: Storage;
beforeEach(() => {
  vi.useFakeTimers();
  storage = memoryStorage();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('outbox', () => {
  it('should forget a report once the server has it', async () => {
    const send = server(sent);
    const heard = vi.fn();
    const outbox = createOutbox(openQueue('demo-site', storage), heard, send);
    expect(await outbox.send(ENDPOINT, report(1))).toBe(sent);
    expect(openQueue('demo-site', storage).read()).toEqual([]);
    expect(heard).toHaveBeenCalledWith(report(1), sent, false);
  });

  it('should hold the report in the queue while it is on its way, so leaving the page loses nothing', async () => {
    let release = (_delivery: Delivery) => {};
    const send = vi.fn(() => new Promise<Delivery>((resolve) => (release = resolve)));
    const outbox = createOutbox(openQueue('demo-site', storage), () => {}, send);
    const sending = outbox.send(ENDPOINT, report(1));
    expect(
      openQueue('demo-site', storage)
        .read()
        .map((entry) => entry.report),
    ).toEqual([report(1)]);
    release(sent);
    await sending;
    expect(openQueue('demo-site', storage).read()).toEqual([]);
  });

  it("should keep a report with the reader's words when offline, and resend the same report when back online", async () => {
    const send = server(later, sent);
    const heard = vi.fn();
    const outbox = createOutbox(openQueue('demo-site', storage), heard, send);
    await outbox.send(ENDPOINT, report(1));
    expect(openQueue('demo-site', storage).read()).toMatchObject([
      { report: report(1), endpoint: ENDPOINT, tries: 1 },
    ]);

    await outbox.flush(true);
    expect(send.mock.calls.map(([, sentReport]) => sentReport)).toEqual([report(1), report(1)]);
    expect(openQueue('demo-site', storage).read()).toEqual([]);
    expect(heard).toHaveBeenLastCalledWith(report(1), sent, true);
  });

  it('should resend by itself after a growing wait, not at once', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5); // the middle of the ±20% spread
    const send = server(later, later, sent);
    const outbox = createOutbox(openQueue('demo-site', storage), () => {}, send);
    await outbox.send(ENDPOINT, report(1));
    await outbox.flush();
    expect(send).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(30_000); // first wait: 30 s
    expect(send).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(50_000); // second wait: 60 s
    expect(send).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(send).toHaveBeenCalledTimes(3);
    expect(openQueue('demo-site', storage).read()).toEqual([]);
  });

  it("should wait out the server's Retry-After even when the reader comes back online", async () => {
    const send = server({ kind: 'later', status: 429, retryAfterMs: 120_000 }, sent);
    const outbox = createOutbox(openQueue('demo-site', storage), () => {}, send);
    await outbox.send(ENDPOINT, report(1));
    await outbox.flush(true);
    expect(send).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(send).toHaveBeenCalledTimes(2);
    expect(openQueue('demo-site', storage).read()).toEqual([]);
  });

  it('should drop a refused report and never resend it', async () => {
    const send = server({ kind: 'refused', status: 400, message: 'url is not a page of this site' });
    const outbox = createOutbox(openQueue('demo-site', storage), () => {}, send);
    await outbox.send(ENDPOINT, report(1));
    await outbox.flush(true);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(send).toHaveBeenCalledTimes(1);
    expect(openQueue('demo-site', storage).read()).toEqual([]);
  });

  it('should stop a flush at the first report that gets no answer', async () => {
    const queue = openQueue('demo-site', storage);
    const outbox = createOutbox(queue, () => {}, server(later, later, later));
    await outbox.send(ENDPOINT, report(1));
    await outbox.send(ENDPOINT, report(2));
    const send = server(later);
    await createOutbox(queue, () => {}, send).flush(true);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it(`should keep the newest ${QUEUE_MAX} reports of a site`, async () => {
    const outbox = createOutbox(openQueue('demo-site', storage), () => {}, server(later));
    for (let n = 1; n <= QUEUE_MAX + 3; n++) await outbox.send(ENDPOINT, report(n));
    const kept = openQueue('demo-site', storage).read();
    expect(kept).toHaveLength(QUEUE_MAX);
    expect(kept[0]?.report.clientId).toBe(report(4).clientId);
  });

  it('should keep each site its own queue', async () => {
    await createOutbox(openQueue('demo-site', storage), () => {}, server(later)).send(ENDPOINT, report(1));
    expect(openQueue('other-site', storage).read()).toEqual([]);
    expect(openQueue('demo-site', storage).read()).toHaveLength(1);
  });

  it('should drop reports older than a week unsent', async () => {
    const send = server(later);
    let now = Date.now();
    const outbox = createOutbox(
      openQueue('demo-site', storage),
      () => {},
      send,
      () => now,
    );
    await outbox.send(ENDPOINT, report(1));
    now += QUEUE_MAX_AGE_MS + 1;
    await outbox.flush(true);
    expect(send).toHaveBeenCalledTimes(1);
    expect(openQueue('demo-site', storage).read()).toEqual([]);
  });

  it('should spread resends of readers who failed together, and never wait more than 30 minutes', () => {
    expect(backoffMs(1, 0)).toBe(24_000);
    expect(backoffMs(1, 1)).toBeCloseTo(36_000);
    expect(backoffMs(50, 0.5)).toBe(30 * 60_000);
  });

  it('should still send when the browser blocks storage', async () => {
    const send = server(sent);
    const outbox = createOutbox(openQueue('demo-site', null), () => {}, send);
    expect(await outbox.send(ENDPOINT, report(1))).toBe(sent);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HostBusy, HostPoliteness } from './host-politeness.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A fetch that records when it starts and finishes when the test says so. */
function controlledFetch(log: string[], name: string) {
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return {
    run: async () => {
      log.push(`start ${name}`);
      await done;
      log.push(`end ${name}`);
      return name;
    },
    finish: () => finish(),
  };
}

describe('HostPoliteness', () => {
  it('should fetch one page of a host at a time, pausing between them', async () => {
    const polite = new HostPoliteness(2_000);
    const log: string[] = [];
    const a = controlledFetch(log, 'a');
    const b = controlledFetch(log, 'b');
    const first = polite.run('news.example', a.run);
    const second = polite.run('news.example', b.run);
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['start a']);

    a.finish();
    await first;
    await vi.advanceTimersByTimeAsync(1_999);
    expect(log).toEqual(['start a', 'end a']);
    await vi.advanceTimersByTimeAsync(1);
    expect(log).toEqual(['start a', 'end a', 'start b']);
    b.finish();
    expect(await second).toBe('b');
  });

  it('should not make one host wait for another', async () => {
    const polite = new HostPoliteness(2_000);
    const log: string[] = [];
    const slow = controlledFetch(log, 'slow');
    const other = controlledFetch(log, 'other');
    void polite.run('slow.example', slow.run);
    void polite.run('other.example', other.run);
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['start slow', 'start other']);
    slow.finish();
    other.finish();
  });

  it('should hold every fetch of a host until its Retry-After has passed', async () => {
    const polite = new HostPoliteness(0);
    const log: string[] = [];
    polite.holdUntil('busy.example', Date.now() + 60_000);
    const fetch = controlledFetch(log, 'a');
    fetch.finish();
    const result = polite.run('busy.example', fetch.run);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(log).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(await result).toBe('a');
  });

  it('should not let a fetch queued behind one given a long Retry-After wait past its limit', async () => {
    const polite = new HostPoliteness(0);
    const log: string[] = [];
    const until = Date.now() + 3_600_000;
    const first = polite.run('busy.example', async () => {
      polite.holdUntil('busy.example', until);
      return 'first';
    });
    const queued = polite.run('busy.example', async () => log.push('fetched'), { waitAtMostMs: 15_000 });
    const refused = expect(queued).rejects.toEqual(new HostBusy('busy.example', until));
    expect(await first).toBe('first');
    await vi.advanceTimersByTimeAsync(0);
    await refused;
    expect(log).toEqual([]);
    const patient = polite.run('busy.example', async () => log.push('fetched'));
    await vi.advanceTimersByTimeAsync(3_600_000);
    await patient;
    expect(log).toEqual(['fetched']);
  });

  it('should go on with the next fetch of a host after one fails', async () => {
    const polite = new HostPoliteness(0);
    const failed = polite.run('news.example', async () => {
      throw new Error('network down');
    });
    const next = polite.run('news.example', async () => 'next');
    await expect(failed).rejects.toThrow('network down');
    expect(await next).toBe('next');
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HostPoliteness } from './host-politeness.ts';

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

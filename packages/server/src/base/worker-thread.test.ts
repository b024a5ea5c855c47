import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { KeptWorkerThread } from './worker-thread.ts';

/** A thread that answers 'ping' with 'pong', ends with code 1 on 'die', and ends cleanly on 'bye'. */
const THREAD = `
  const { parentPort } = require('node:worker_threads');
  parentPort.on('message', (message) => {
    if (message === 'ping') parentPort.postMessage('pong');
    if (message === 'die') process.exit(1);
    if (message === 'bye') parentPort.close();
  });
`;

let kept: KeptWorkerThread<string, string> | null = null;
afterEach(async () => {
  await kept?.close('bye');
  kept = null;
});

function keep() {
  const seen = { starts: 0, exits: 0, messages: [] as string[], errors: [] as string[] };
  kept = new KeptWorkerThread<string, string>(
    'the test thread',
    () => {
      seen.starts++;
      return new Worker(THREAD, { eval: true });
    },
    {
      message: (message) => seen.messages.push(message),
      error: (error) => seen.errors.push((error as Error).message),
      exit: () => seen.exits++,
    },
  );
  return { kept, seen };
}

describe('a worker thread kept running', () => {
  it('starts the thread again a second after it ends unasked, and says so', async () => {
    const { kept, seen } = keep();
    expect(kept.post('ping')).toBe(true);
    await expect.poll(() => seen.messages).toEqual(['pong']);

    kept.post('die');
    await expect.poll(() => seen.errors).toEqual(['the test thread ended; starting it again']);
    expect(seen.exits).toBe(1);
    // Until it runs again, nothing can be posted: the caller answers "try again shortly".
    expect(kept.post('ping')).toBe(false);

    await expect.poll(() => seen.starts, { timeout: 3_000 }).toBe(2);
    expect(kept.post('ping')).toBe(true);
    await expect.poll(() => seen.messages).toEqual(['pong', 'pong']);
  });

  it('ends the thread by its own message when closed, and never starts it again', async () => {
    const { kept, seen } = keep();
    await kept.close('bye');
    expect(seen.exits).toBe(1);
    expect(kept.post('ping')).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(seen).toMatchObject({ starts: 1, errors: [] });
  });
});

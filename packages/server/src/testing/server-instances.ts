import { newId } from '../base/ids.ts';
import { freePort } from './free-port.ts';
import { type ServerProcess, startServerProcess } from './server-process.ts';
import type { TestDatabase } from './test-database.ts';
import { TEST_REDIS_URL } from './test-redis.ts';
import { eventually } from './webhook-receiver.ts';

/** How long an instance may take to reach the shared Redis after answering /healthz. */
const REDIS_SHARED_TIMEOUT_MS = 20_000;

/**
 * Several `errata start` processes on one PostgreSQL database and one Redis (under a prefix
 * of their own), as a load balancer would have them: the tests of several instances.
 */
export interface ServerInstances {
  /** The instances in the order they came up; a killed one stays in the list. */
  all: ServerProcess[];
  /** Starts one more with the same settings (a replacement for a killed one), once it shares Redis. */
  add(): Promise<ServerProcess>;
  /** Stops every instance still running. */
  stop(): Promise<void>;
}

/**
 * Starts `count` instances together (so they migrate the empty database at the same moment)
 * and resolves once each of them shares the Redis. `env` is added to every instance's
 * environment (rate limits, public URL, SMTP, shortened timings).
 */
export async function startServerInstances(
  count: number,
  options: { database: TestDatabase; env?: Record<string, string> },
): Promise<ServerInstances> {
  const env = {
    ERRATA_DATABASE_URL: options.database.url,
    ERRATA_REDIS_URL: TEST_REDIS_URL,
    ERRATA_REDIS_PREFIX: `errata-test:${newId()}:`,
    ...options.env,
  };
  const all: ServerProcess[] = [];
  const start = async () => {
    const instance = await startServerProcess({ port: await freePort(), dataDir: options.database.dir, env });
    all.push(instance);
    // Serving before Redis answers is allowed (an outage must not stop reports): wait for it here.
    await eventually(
      async () =>
        ((await (await fetch(`${instance.origin}/readyz`)).json()) as { redis: string }).redis === 'up',
      `Redis to be shared by ${instance.origin}`,
      REDIS_SHARED_TIMEOUT_MS,
    );
    return instance;
  };
  const stop = async () => {
    await Promise.all(all.map((instance) => instance.stop()));
  };
  // Each waited for, so that none is left running when another fails to start.
  const started = await Promise.allSettled(Array.from({ length: count }, start));
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  return { all, add: start, stop };
}

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { Redis } from 'ioredis';
import { openRedisLink, type RedisLink, type RedisLinkLog } from '../redis/redis-link.ts';
import { freePort } from './free-port.ts';
import { underCi } from './under-ci.ts';

/** The Redis the tests share (ERRATA_TEST_REDIS_URL); each test keeps to keys of its own prefix. */
export const TEST_REDIS_URL = process.env.ERRATA_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The redis-server program, for tests that stop and start a Redis of their own. */
const REDIS_SERVER = '/usr/bin/redis-server';

/**
 * Null when the test Redis answers, else why not (printed: the caller skips). Under CI an
 * unreachable Redis is an error, never a reason to skip.
 */
export async function redisUnavailable(): Promise<string | null> {
  const client = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (error) {
    const reason = `Redis is not reachable at ${TEST_REDIS_URL} (${(error as Error).message})`;
    if (underCi()) throw new Error(`${reason}: CI runs the Redis tests`);
    console.log(`${reason}: the Redis tests are skipped.`);
    return reason;
  } finally {
    client.disconnect();
  }
}

/** What a link logged, for tests that check an outage is told once. */
export function recordingLog(): RedisLinkLog & { lines: string[] } {
  const lines: string[] = [];
  return { lines, warn: (m) => lines.push(`warn: ${m}`), info: (m) => lines.push(`info: ${m}`) };
}

/** A link to the test Redis under a fresh prefix, connected. */
export async function openTestRedisLink(
  url = TEST_REDIS_URL,
  prefix = `errata-test:${Math.random().toString(36).slice(2)}:`,
  log: RedisLinkLog = recordingLog(),
): Promise<RedisLink> {
  const link = openRedisLink(url, log, prefix);
  await waitUntil(() => link.isUp(), `Redis at ${url} to answer`);
  return link;
}

/** A redis-server process of the test's own on a free port, to stop and start again. */
export interface OwnRedis {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  if (!existsSync(REDIS_SERVER))
    throw new Error(`${REDIS_SERVER} is missing: install the redis-server package`);
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      REDIS_SERVER,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    await waitUntil(() => answersPing(port), `redis-server on port ${port} to start`);
  };
  const stop = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, start, stop };
}

/** Whether a Redis on the port answers PING, over a plain socket (no client, no retries). */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(1_000);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

import { Redis } from 'ioredis';

/** Where the link tells of Redis going away and coming back. */
export interface RedisLinkLog {
  warn(message: string): void;
  info(message: string): void;
}

/**
 * The connections to Redis (or Valkey) that several instances share state through: one for
 * commands (rate counts, publishing) and one subscribed to live events. Nothing durable lives
 * there, so the link fails fast instead of queueing: while Redis is unreachable a command
 * errs at once, callers fall back to this instance's own state, and ioredis reconnects (and
 * resubscribes) in the background.
 */
export interface RedisLink {
  commands: Redis;
  subscriber: Redis;
  /** Prefix of every key and channel, so installations (or tests) can share one Redis. */
  prefix: string;
  /** Whether the command connection is up now (counting and publishing work). */
  isUp(): boolean;
  /** Whether both connections are up: counting, publishing and hearing other instances' events. */
  isShared(): boolean;
  /** Resolves once both connections are up, or `timeoutMs` passed; true when they are. */
  whenShared(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export function openRedisLink(url: string, log: RedisLinkLog, prefix = 'errata:'): RedisLink {
  const options = {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    // A Redis that stalls without closing must not hold requests: past this a command fails
    // and its caller falls back (rate counts per instance, events kept local).
    commandTimeout: 1_000,
    // Reconnect soon after an outage, then every 2 s at most.
    retryStrategy: (attempt: number) => Math.min(attempt * 100, 2_000),
  };
  const commands = new Redis(url, options);
  // The subscriber's SUBSCRIBE must not fail fast: it waits for a connection and is sent
  // again across reconnects until it is taken (ioredis then resubscribes by itself).
  const { commandTimeout: _stalls, ...waiting } = options;
  const subscriber = new Redis(url, { ...waiting, enableOfflineQueue: true, maxRetriesPerRequest: null });
  const where = redactedRedisUrl(url);
  let up = false;
  let warned = false;
  commands.on('ready', () => {
    up = true;
    if (warned) log.info(`Redis at ${where} is back: rate limits and live events are shared again`);
    warned = false;
  });
  commands.on('error', (error: Error) => {
    up = false;
    if (!warned) {
      log.warn(
        `Redis at ${where} is unreachable (${error.message}): until it is back, rate limits are counted by this instance alone and live events reach only its own dashboards`,
      );
      warned = true;
    }
  });
  commands.on('close', () => {
    up = false;
  });
  // The command connection's handler tells of an outage; the subscriber's errors say the same.
  subscriber.on('error', () => {});
  return {
    commands,
    subscriber,
    prefix,
    isUp: () => up,
    isShared: () => up && subscriber.status === 'ready',
    whenShared: async (timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      while (!(up && subscriber.status === 'ready') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return up && subscriber.status === 'ready';
    },
    close: async () => {
      commands.disconnect();
      subscriber.disconnect();
    },
  };
}

/** A Redis URL fit for a log line: its password, if any, replaced by stars. */
export function redactedRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured address';
  }
}

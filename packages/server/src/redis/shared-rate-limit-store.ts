import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { RedisLink } from './redis-link.ts';

// Counts a hit and returns [count in this window, ms left of it]; the first hit opens the window.
const COUNT_HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  left = tonumber(ARGV[1])
end
return { count, left }
`;

/** Most windows counted in memory while Redis is away; the oldest go first beyond it. */
const LOCAL_WINDOWS_MAX = 10_000;

type Counted = { current: number; ttl: number };
type CountHit = (key: string, windowMs: number) => Promise<[number, number]>;

/**
 * @fastify/rate-limit's store over Redis, so every instance counts the same hits: a flood
 * spread over three instances meets one limit. While Redis is unreachable each instance
 * counts on its own (the link logs that once), and counting in Redis resumes when it is back.
 */
export function sharedRateLimitStore(link: RedisLink): FastifyRateLimitStoreCtor {
  const redis = link.commands as typeof link.commands & { errataCountHit?: CountHit };
  if (!redis.errataCountHit) redis.defineCommand('errataCountHit', { numberOfKeys: 1, lua: COUNT_HIT });
  const countHit = (key: string, windowMs: number) => (redis.errataCountHit as CountHit)(key, windowMs);

  class SharedRateLimitStore implements FastifyRateLimitStore {
    private readonly local = new Map<string, { count: number; endsAt: number }>();

    constructor(
      _options?: unknown,
      private readonly prefix = `${link.prefix}rate:`,
    ) {}

    incr(key: string, callback: (error: Error | null, result?: Counted) => void, timeWindow: number): void {
      const name = this.prefix + key;
      if (!link.isUp()) {
        callback(null, this.countLocally(name, timeWindow));
        return;
      }
      countHit(name, timeWindow).then(
        ([current, ttl]) => callback(null, { current, ttl }),
        () => callback(null, this.countLocally(name, timeWindow)),
      );
    }

    /** The store of one route: its hits are counted apart from every other route's. */
    child(routeOptions: object): FastifyRateLimitStore {
      // The plugin's types name the route's options; it passes its merged limit settings, the route under routeInfo.
      const route = (routeOptions as { routeInfo?: { method?: unknown; url?: string } }).routeInfo ?? {};
      return new SharedRateLimitStore(undefined, `${this.prefix}${String(route.method)}${route.url}:`);
    }

    private countLocally(name: string, windowMs: number): Counted {
      const now = Date.now();
      let window = this.local.get(name);
      if (!window || window.endsAt <= now) {
        this.local.delete(name);
        window = { count: 0, endsAt: now + windowMs };
        if (this.local.size >= LOCAL_WINDOWS_MAX) this.local.delete(this.local.keys().next().value as string);
        this.local.set(name, window);
      }
      window.count += 1;
      return { current: window.count, ttl: window.endsAt - now };
    }
  }
  return SharedRateLimitStore as unknown as FastifyRateLimitStoreCtor;
}

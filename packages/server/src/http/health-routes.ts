import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { RedisLink } from '../redis/redis-link.ts';
import type { Store } from '../store/open-store.ts';

/**
 * Liveness and readiness for load balancers and orchestrators. Ready means the database
 * answers; Redis, when configured, is reported but does not make an instance unready: without
 * it reports are still taken, only limits and live events stay per instance.
 */
export async function healthRoutes(
  app: FastifyInstance,
  options: { store: Store; redis?: RedisLink },
): Promise<void> {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    const redis = options.redis ? { redis: options.redis.isShared() ? 'up' : 'down' } : {};
    try {
      await sql`select 1`.execute(options.store.db);
      return { status: 'ready', ...redis };
    } catch {
      return reply.status(503).send({ error: 'The database does not answer.', ...redis });
    }
  });
}

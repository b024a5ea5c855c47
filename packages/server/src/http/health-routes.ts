import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { RedisLink } from '../redis/redis-link.ts';
import { databaseFailureOf } from '../store/database-failure.ts';
import type { Store } from '../store/open-store.ts';

/** The setting /readyz writes (and rolls back) to see that the database takes writes again. */
const READY_PROBE_KEY = 'ready_probe';
/** The probe's size: a report at its largest (16 KB) with its erratum and search text. */
const PROBE_BYTES = 32 * 1024;

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
    const { store } = options;
    try {
      await sql`select 1`.execute(store.db);
      // After a failed write, only a write shows it is over (a full disk still answers reads).
      if (store.health.trouble()) await probeWrite(store);
      store.health.succeeded();
      return { status: 'ready', ...redis };
    } catch (error) {
      const failure = databaseFailureOf(error);
      if (failure) store.health.failed(failure);
      const trouble = store.health.trouble();
      const why = trouble
        ? `The database cannot be used: ${trouble.reason} (since ${trouble.since}).`
        : 'The database does not answer.';
      return reply.status(503).send({ error: why, ...redis });
    }
  });
}

/**
 * A write of about a report's size, rolled back: it needs room the file does not have free (a
 * rewritten row would reuse its own pages and pass on a full disk) and leaves nothing behind.
 */
async function probeWrite(store: Store): Promise<void> {
  try {
    await store.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('settings')
        .values({ key: `${READY_PROBE_KEY}:${Math.random()}`, value: 'x'.repeat(PROBE_BYTES) })
        .execute();
      throw new ProbeWritten();
    });
  } catch (error) {
    if (!(error instanceof ProbeWritten)) throw error;
  }
}

class ProbeWritten extends Error {}

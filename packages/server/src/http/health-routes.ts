import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Store } from '../store/open-store.ts';

/** Liveness and readiness for load balancers and orchestrators. */
export async function healthRoutes(app: FastifyInstance, options: { store: Store }): Promise<void> {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(options.store.db);
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ error: 'The database does not answer.' });
    }
  });
}

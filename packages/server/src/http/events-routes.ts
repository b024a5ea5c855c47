import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { requireRole, roleOn } from '../domain/access.ts';
import type { LiveEvents } from '../domain/live-events.ts';
import type { Store } from '../store/open-store.ts';
import { authenticate } from './auth.ts';
import { EventStream, reconnectAfterStopMs } from './event-stream.ts';
import { ApiErrorSchema, SiteQuerySchema } from './schemas.ts';

/** Between two heartbeats: under the 30–60 s idle timeouts of common proxies and load balancers. */
export const HEARTBEAT_MS = 25_000;

/**
 * GET /api/v1/events?site=: the site's erratum events as Server-Sent Events, for members of
 * the site. The stream stays open; every heartbeat checks again that the session (or token)
 * and the membership still hold, and ends the stream when they do not.
 */
export async function eventsRoutes(
  app: FastifyInstance,
  options: {
    store: Store;
    events: LiveEvents;
    heartbeatMs?: number;
    /** Counts the open streams (/metrics). */
    liveConnections?: { inc(): void; dec(): void };
  },
): Promise<void> {
  const { store, events } = options;
  const signedIn = authenticate(store);
  const streams = new Set<EventStream>();
  app.addHook('onRequest', signedIn);
  // onClose hooks run only once every connection has ended, and these never end by themselves.
  // The retry hint sends browsers to another instance, or back to this one once it restarted.
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.close(reconnectAfterStopMs());
  });

  /** True while whoever opened the stream may still read the site. */
  async function stillAllowed(
    request: FastifyRequest,
    reply: FastifyReply,
    siteId: string,
  ): Promise<boolean> {
    try {
      await signedIn(request, reply);
      return (await roleOn(store, request.principal!, siteId)) !== null;
    } catch {
      return false;
    }
  }

  app.get<{ Querystring: { site: string } }>(
    '/api/v1/events',
    {
      schema: {
        summary: "A site's erratum events, live (Server-Sent Events)",
        description:
          'Each message is `event: erratum.updated`, an `id:` that grows by one per event, and `data:` ' +
          'an ErratumUpdatedEvent as JSON: {type, erratum, cause: "report" | "status", actorId}. ' +
          `A comment line comes every ${HEARTBEAT_MS / 1000} seconds. Nothing is replayed on reconnection: reload the list.`,
        tags: ['events'],
        querystring: SiteQuerySchema,
        response: {
          200: {
            description: 'An endless text/event-stream.',
            content: { 'text/event-stream': { schema: Type.String() } },
          },
          401: ApiErrorSchema,
          404: ApiErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const siteId = request.query.site;
      await requireRole(store, request.principal!, siteId, 'viewer');
      reply.hijack();
      const stream = new EventStream(reply.raw);
      streams.add(stream);
      options.liveConnections?.inc();
      const unsubscribe = events.subscribe(siteId, ({ id, event }) => stream.send(event.type, id, event));
      const heartbeat = setInterval(async () => {
        if (await stillAllowed(request, reply, siteId)) stream.comment('heartbeat');
        else stream.close();
      }, options.heartbeatMs ?? HEARTBEAT_MS);
      stream.onClose(() => {
        options.liveConnections?.dec();
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(stream);
      });
    },
  );
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import { newId } from '../base/ids.ts';
import type { OutboxEventType } from '../base/outbox-event.ts';
import { verifySignature } from '../jobs/delivery/signature.ts';
import type { Database } from '../store/schema.ts';
import { insertWebhook } from '../store/webhooks-store.ts';

/** One request the receiver got. */
export interface ReceivedWebhook {
  headers: IncomingMessage['headers'];
  body: string;
  /** Whether Errata-Signature was valid for the receiver's secret, body and current time. */
  signed: boolean;
  /** The status the receiver answered (null when it let the request hang). */
  answered: number | null;
}

/** What the receiver does with the next request: answer a status, answer 200 after `SLOW_MS`, or never answer. */
export type ReceiverBehaviour = number | 'slow' | 'hang';

/** How long a 'slow' answer takes: long enough to be in flight when a test stops the worker. */
const SLOW_MS = 300;

/**
 * A real HTTP webhook receiver on 127.0.0.1 that checks signatures the way docs/webhooks.md
 * tells receivers to, and keeps what it received. Like a well-behaved consumer, `uniqueIds()`
 * drops repeats by event id.
 */
export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Checks signatures with this secret from now on (an end-to-end test learns it from the dashboard). */
  useSecret(secret: string): void;
  /** The answers to give, in order; once used up it answers 200. */
  script(...behaviours: ReceiverBehaviour[]): void;
  /** Ids of accepted (2xx), validly signed events, each once. */
  uniqueIds(): string[];
  /** Resolves once `count` distinct events were accepted (rejects after `timeoutMs`). */
  waitForIds(count: number, timeoutMs?: number): Promise<string[]>;
  /** Stops listening: senders get "connection refused" until `reopen()`. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  reopen(): Promise<void>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(initialSecret: string, port = 0): Promise<WebhookReceiver> {
  let secret = initialSecret;
  const received: ReceivedWebhook[] = [];
  const behaviours: ReceiverBehaviour[] = [];
  const hung = new Set<ServerResponse>();
  let server: Server = createServer();

  const listen = async (on: number): Promise<number> => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const header = request.headers['errata-signature'];
        const signed = typeof header === 'string' && verifySignature(secret, body, header, new Date());
        const behaviour = behaviours.shift() ?? 200;
        const status = behaviour === 'slow' ? 200 : behaviour;
        const answered = status === 'hang' ? null : signed ? status : 401;
        received.push({ headers: request.headers, body, signed, answered });
        if (answered === null) {
          hung.add(response);
          return;
        }
        const answer = () =>
          response.writeHead(answered, { 'content-type': 'text/plain' }).end(answered < 300 ? 'ok' : 'no');
        if (behaviour === 'slow') setTimeout(answer, SLOW_MS);
        else answer();
      });
    });
    await new Promise<void>((resolve) => server.listen(on, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  };

  const stop = async () => {
    for (const response of hung) response.destroy();
    hung.clear();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  const boundPort = await listen(port);
  const uniqueIds = () => [
    ...new Set(
      received
        .filter((r) => r.signed && r.answered !== null && r.answered < 300)
        .map((r) => String(r.headers['errata-event-id'])),
    ),
  ];
  return {
    url: `http://127.0.0.1:${boundPort}/hooks/errata`,
    received,
    useSecret: (next) => {
      secret = next;
    },
    script: (...next) => behaviours.push(...next),
    uniqueIds,
    waitForIds: async (count, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (uniqueIds().length < count) {
        if (Date.now() > deadline) {
          throw new Error(
            `expected ${count} events, received ${uniqueIds().length} (${received.length} requests)`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return uniqueIds();
    },
    stop,
    reopen: async () => {
      await listen(boundPort);
    },
    close: async () => {
      if (server.listening) await stop();
    },
  };
}

/** Waits until `condition` holds, checking every 20 ms; rejects with `what` after `timeoutMs`. */
/** Adds an active JSON webhook of a site (default demo) posting to `url`, for every event unless `events` says which; returns its id. */
export async function addTestWebhook(
  db: Kysely<Database>,
  url: string,
  secret: string,
  options: { siteId?: string; events?: OutboxEventType[] } = {},
): Promise<string> {
  const id = newId();
  await insertWebhook(db, {
    id,
    siteId: options.siteId ?? 'demo',
    url,
    format: 'json',
    events: options.events ?? [],
    active: true,
    createdAt: new Date().toISOString(),
    secret,
  });
  return id;
}

export async function eventually<T>(
  condition: () => Promise<T | null | undefined | false>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

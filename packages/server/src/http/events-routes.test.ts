import type { ErratumUpdatedEvent } from '@errata/core';
import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiToken } from '../domain/api-tokens.ts';
import { InMemoryLiveEvents } from '../domain/live-events.ts';
import { openEventStream } from '../testing/event-stream-client.ts';
import {
  addSite,
  demoReport,
  openTestApp,
  openTestStore,
  signedInEditor,
  type TestApp,
} from '../testing/test-app.ts';
import { installErrorHandler } from './errors.ts';
import { eventsRoutes } from './events-routes.ts';

let t: TestApp;
let url: string;
beforeEach(async () => {
  t = await openTestApp();
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterEach(async () => t.close());

const report = async (overrides = {}) =>
  (
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports?wait=erratum',
      payload: demoReport(overrides),
    })
  ).json();

async function subscribe(site: string, headers: Record<string, string>) {
  const stream = await openEventStream(`${url}/api/v1/events?site=${site}`, headers);
  expect(stream.response.status).toBe(200);
  // The retry hint comes first: once it is read, the subscription is in place.
  expect(await stream.next()).toEqual({ kind: 'retry', retry: 5_000 });
  return stream;
}

describe('GET /api/v1/events', () => {
  it('should stream an erratum.updated event to a member when a report arrives', async () => {
    const editor = await signedInEditor(t.app, t.store, { email: 'ed@example.org', sites: ['demo'] });
    const stream = await subscribe('demo', { cookie: editor.cookie });
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');

    const receipt = await report();
    const first = await stream.nextEvent('erratum.updated');
    expect(first.data).toMatchObject({
      type: 'erratum.updated',
      cause: 'report',
      actorId: null,
      erratum: {
        id: receipt.erratum.id,
        site: 'demo',
        status: 'open',
        reports: 1,
        quote: { exact: 'Roterdam' },
      },
    });

    await report({ comment: 'Two t.' });
    const second = await stream.nextEvent('erratum.updated');
    expect(second.data).toMatchObject({
      erratum: { id: receipt.erratum.id, reports: 2, comments: ['Two t.'] },
    });
    expect(Number(second.id)).toBeGreaterThan(Number(first.id));
    stream.close();
  });

  it('should send one event per erratum for reports committed together', async () => {
    const token = await createApiToken(t.store, 'demo', 'test');
    const stream = await subscribe('demo', { authorization: `Bearer ${token}` });
    await Promise.all([report(), report(), report()]);
    const event = (await stream.nextEvent('erratum.updated')).data as ErratumUpdatedEvent;
    // The three may land in one batch or more; the last event always carries all three.
    let latest = event;
    while (latest.erratum.reports < 3) {
      latest = (await stream.nextEvent('erratum.updated')).data as ErratumUpdatedEvent;
    }
    expect(latest.erratum.reports).toBe(3);
    stream.close();
  });

  it('should tell members who changed a status', async () => {
    const watcher = await signedInEditor(t.app, t.store, {
      email: 'watcher@example.org',
      role: 'viewer',
      sites: ['demo'],
    });
    const actor = await signedInEditor(t.app, t.store, { email: 'actor@example.org', sites: ['demo'] });
    const receipt = await report();
    const stream = await subscribe('demo', { cookie: watcher.cookie });

    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/errata/${receipt.erratum.id}`,
      headers: { cookie: actor.cookie, 'x-csrf-token': actor.csrf },
      payload: { status: 'fixed' },
    });
    expect(patched.statusCode).toBe(200);
    const session = await t.app.inject({ url: '/api/v1/session', headers: { cookie: actor.cookie } });
    const { data } = await stream.nextEvent('erratum.updated');
    expect(data).toMatchObject({
      cause: 'status',
      actorId: session.json().user.id,
      erratum: { id: receipt.erratum.id, status: 'fixed', reports: 1 },
    });
    stream.close();
  });

  it('should give a member of another site nothing of this site', async () => {
    await addSite(t.store, 'other', 'https://other.example');
    const outsider = await signedInEditor(t.app, t.store, { email: 'out@example.org', sites: ['other'] });
    const refused = await fetch(`${url}/api/v1/events?site=demo`, { headers: { cookie: outsider.cookie } });
    expect(refused.status).toBe(404);
    expect(refused.headers.get('content-type')).toContain('application/json');

    const stream = await subscribe('other', { cookie: outsider.cookie });
    await report();
    await report({
      site: 'other-key',
      url: 'https://other.example/story',
      quote: { exact: 'Minks', prefix: '', suffix: '' },
    });
    // Events arrive in the order they were published: the other site's is the first this stream sees.
    const { data } = await stream.nextEvent('erratum.updated');
    expect(data).toMatchObject({ erratum: { site: 'other', quote: { exact: 'Minks' } } });
    expect(JSON.stringify(data)).not.toContain('Roterdam');
    stream.close();
  });

  it('should answer 401 without a session or token, and stream nothing', async () => {
    const response = await fetch(`${url}/api/v1/events?site=demo`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'Sign in first.' });
  });

  it('should let the server shut down while streams are open, telling each when to reconnect', async () => {
    const token = await createApiToken(t.store, 'demo', 'test');
    const stream = await subscribe('demo', { authorization: `Bearer ${token}` });
    const started = Date.now();
    await t.app.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    const hint = await stream.next();
    expect(hint).toEqual({ kind: 'retry', retry: expect.any(Number) });
    // Spread over 1–5 s, so the dashboards of a stopped instance do not all come back at once.
    expect((hint as { retry: number }).retry).toBeGreaterThanOrEqual(1_000);
    expect((hint as { retry: number }).retry).toBeLessThanOrEqual(5_000);
    expect(await stream.next()).toBeNull();
  });
});

describe('a stream’s lifetime', () => {
  /** The events route alone, with a fast heartbeat and a bus the test can look into. */
  async function eventsApp() {
    const { store, cleanup } = await openTestStore();
    const app = Fastify();
    app.decorateRequest('principal', null);
    app.decorateRequest('session', null);
    installErrorHandler(app);
    await app.register(cookie);
    const events = new InMemoryLiveEvents();
    await app.register(eventsRoutes, { store, events, heartbeatMs: 50 });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const token = await createApiToken(store, 'demo', 'test');
    const close = async () => {
      await app.close();
      await cleanup();
    };
    return { store, events, address, token, close };
  }

  it('should stop listening to the site once the client goes away', async () => {
    const { events, address, token, close } = await eventsApp();
    try {
      const stream = await openEventStream(`${address}/api/v1/events?site=demo`, {
        authorization: `Bearer ${token}`,
      });
      expect(await stream.next()).toEqual({ kind: 'retry', retry: 5_000 });
      expect(events.isWatched('demo')).toBe(true);
      stream.close();
      await expect.poll(() => events.isWatched('demo')).toBe(false);
    } finally {
      await close();
    }
  });

  it('should send a comment every beat and end the stream once the token is deleted', async () => {
    const { store, address, token, close } = await eventsApp();
    try {
      const stream = await openEventStream(`${address}/api/v1/events?site=demo`, {
        authorization: `Bearer ${token}`,
      });
      expect(await stream.next()).toEqual({ kind: 'retry', retry: 5_000 });
      expect(await stream.next()).toEqual({ kind: 'comment', text: 'heartbeat' });
      await store.db.deleteFrom('api_tokens').execute();
      // A beat may already be on its way; the stream ends at the next check at the latest.
      let message = await stream.next();
      while (message !== null) message = await stream.next();
      expect(message).toBeNull();
    } finally {
      await close();
    }
  });
});

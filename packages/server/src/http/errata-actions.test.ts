import type { ErratumEvent } from '@errata/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiToken } from '../domain/api-tokens.ts';
import { addNote, bulkChange, patchErratum } from '../domain/inbox-actions.ts';
import { InMemoryLiveEvents } from '../domain/live-events.ts';
import { addSite, demoReport, openTestApp, signedInEditor, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
let session: Record<string, string>;
let editorId: string;
beforeEach(async () => {
  t = await openTestApp();
  const editor = await signedInEditor(t.app, t.store, { email: 'ed@example.org' });
  session = { cookie: editor.cookie, 'x-csrf-token': editor.csrf };
  editorId = await userId('ed@example.org');
});
afterEach(async () => t.close());

async function userId(email: string): Promise<string> {
  const row = await t.store.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return row.id;
}

const report = async (overrides = {}) =>
  (
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports?wait=erratum',
      payload: demoReport(overrides),
    })
  ).json();
const reportWord = (word: string, overrides = {}) =>
  report({ quote: { exact: word, prefix: `The ${word} word `, suffix: ` ends ${word}.` }, ...overrides });
const patch = (id: string, payload: object, headers = session) =>
  t.app.inject({ method: 'PATCH', url: `/api/v1/errata/${id}`, headers, payload });

describe('GET /api/v1/errata/:id/detail', () => {
  it('should give every comment, the reports newest first, the history and links to the page and CMS', async () => {
    await t.store.db
      .updateTable('sites')
      .set({ cms_link_template: 'https://cms.example/edit?page={url}&erratum={id}&p={path}' })
      .where('id', '=', 'demo')
      .execute();
    const comments = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh'];
    let erratumId = '';
    for (const [index, comment] of comments.entries()) {
      const receipt = await report({
        comment,
        suggestion: index === 0 ? 'Rotterdam' : 'rotterdam',
        kind: 'typo',
      });
      erratumId = receipt.erratum.id;
    }
    await patch(erratumId, { status: 'fixed', assigneeId: editorId });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/errata/${erratumId}/notes`,
      headers: session,
      payload: { text: 'Asked the desk.' },
    });

    const response = await t.app.inject({ url: `/api/v1/errata/${erratumId}/detail`, headers: session });
    expect(response.statusCode).toBe(200);
    const detail = response.json();
    expect(detail.erratum.comments).toEqual([...comments].reverse());
    const listed = (await t.app.inject({ url: `/api/v1/errata/${erratumId}`, headers: session })).json();
    expect(listed.comments).toEqual(['seventh', 'sixth', 'fifth', 'fourth', 'third']);
    expect(detail.erratum.suggestions).toEqual([{ text: 'Rotterdam', count: 7 }]);
    expect(detail.reports).toHaveLength(7);
    expect(detail.reports[0]).toMatchObject({ comment: 'seventh', kind: 'typo', suggestion: 'rotterdam' });
    expect(detail.reports[6].comment).toBe('first');
    expect(detail.events.map((e: { type: string }) => e.type)).toEqual([
      'status_changed',
      'assigned',
      'note',
    ]);
    for (const event of detail.events) expect(event.actor).toEqual({ id: editorId, email: 'ed@example.org' });
    // Marked fixed without a correction: the most suggested one is recorded as the correction.
    expect(detail.events[0].data).toEqual({ from: 'open', to: 'fixed', correction: 'Rotterdam' });
    expect(detail.events[2].data).toEqual({ text: 'Asked the desk.' });
    expect(detail.links).toEqual({
      page: 'http://localhost/demo/articles/harbour-bridge.html#:~:text=Roterdam',
      cms: `https://cms.example/edit?page=${encodeURIComponent('http://localhost/demo/articles/harbour-bridge.html')}&erratum=${erratumId}&p=/demo/articles/harbour-bridge.html`,
    });
  });

  it('should show the words of the first reader who suggested a correction, not another spelling of it', async () => {
    const { erratum } = await report({ suggestion: 'Rotterdam' });
    await report({ suggestion: ' ROTTERDAM ' });
    await report({ suggestion: 'rotterdam' });
    const detail = (
      await t.app.inject({ url: `/api/v1/errata/${erratum.id}/detail`, headers: session })
    ).json();
    expect(detail.erratum.suggestions).toEqual([{ text: 'Rotterdam', count: 3 }]);
    expect(detail.links.cms).toBeNull();
  });

  it('should answer 404 to someone who is no member of the erratum’s site', async () => {
    await addSite(t.store, 'other', 'https://other.example');
    const { erratum } = await report();
    const outsider = await signedInEditor(t.app, t.store, { email: 'out@example.org', sites: ['other'] });
    const response = await t.app.inject({
      url: `/api/v1/errata/${erratum.id}/detail`,
      headers: { cookie: outsider.cookie },
    });
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('Roterdam');
  });
});

describe('PATCH /api/v1/errata/:id assignee', () => {
  it('should assign to an editor, publish it live, and unassign', async () => {
    const { erratum } = await report();
    const assigned = await patch(erratum.id, { assigneeId: editorId });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json()).toMatchObject({
      status: 'open',
      assignee: { id: editorId, email: 'ed@example.org' },
    });
    const cleared = await patch(erratum.id, { assigneeId: null });
    expect(cleared.json().assignee).toBeNull();
    const events = await t.store.db
      .selectFrom('erratum_events')
      .select(['type', 'actor_id', 'data'])
      .where('erratum_id', '=', erratum.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => [e.type, e.actor_id])).toEqual([
      ['assigned', editorId],
      ['assigned', editorId],
    ]);
    expect(JSON.parse(events[1]!.data)).toMatchObject({ from: editorId, to: null });
  });

  it('should refuse to assign a viewer, a member of another site or an unknown id, clearly', async () => {
    await addSite(t.store, 'other', 'https://other.example');
    await signedInEditor(t.app, t.store, { email: 'viewer@example.org', role: 'viewer' });
    await signedInEditor(t.app, t.store, { email: 'out@example.org', sites: ['other'] });
    const { erratum } = await report();
    for (const assigneeId of [
      await userId('viewer@example.org'),
      await userId('out@example.org'),
      'nobody',
    ]) {
      const response = await patch(erratum.id, { assigneeId });
      expect(response.statusCode).toBe(400);
      expect(response.json().fields).toEqual({ assigneeId: 'is not an editor or owner of the site' });
    }
    expect((await t.store.db.selectFrom('erratum_events').selectAll().execute()).length).toBe(0);
  });

  it('should refuse an empty change', async () => {
    const { erratum } = await report();
    const response = await patch(erratum.id, {});
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toBe('Say what to change: status, assigneeId or both.');
  });
});

describe('live events of editors’ actions', () => {
  it('should publish an assignment, a note and each erratum of a bulk change with who did it', async () => {
    const { erratum } = await report();
    const events = new InMemoryLiveEvents();
    const seen: ErratumEvent[] = [];
    events.subscribe('demo', (delivery) => seen.push(delivery.event));
    const editor = { kind: 'user' as const, userId: editorId };
    await patchErratum(t.store, editor, erratum.id, { assigneeId: editorId }, events);
    await addNote(t.store, editor, erratum.id, 'On it.', events);
    await bulkChange(
      t.store,
      editor,
      { site: 'demo', ids: [erratum.id], change: { status: 'fixed' } },
      events,
    );
    expect(seen.map((e) => [e.cause, e.actorId, e.erratum.id])).toEqual([
      ['assign', editorId, erratum.id],
      ['note', editorId, erratum.id],
      ['status', editorId, erratum.id],
    ]);
    expect(seen[0]?.erratum.assignee).toEqual({ id: editorId, email: 'ed@example.org' });
    expect(seen[2]?.erratum.status).toBe('fixed');
  });
});

describe('POST /api/v1/errata/:id/notes', () => {
  it('should store a note with its author and answer it 201', async () => {
    const { erratum } = await report();
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/errata/${erratum.id}/notes`,
      headers: session,
      payload: { text: 'Checked with the author: the city is Rotterdam.' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      type: 'note',
      actor: { id: editorId, email: 'ed@example.org' },
      data: { text: 'Checked with the author: the city is Rotterdam.' },
      createdAt: expect.any(String),
    });
  });

  it('should refuse an empty or too long note, and a viewer’s', async () => {
    const { erratum } = await report();
    const url = `/api/v1/errata/${erratum.id}/notes`;
    const empty = await t.app.inject({ method: 'POST', url, headers: session, payload: { text: '   ' } });
    expect(empty.statusCode).toBe(400);
    const long = await t.app.inject({
      method: 'POST',
      url,
      headers: session,
      payload: { text: 'x'.repeat(2001) },
    });
    expect(long.json().fields).toEqual({ text: 'is longer than 2000 characters' });
    const viewer = await signedInEditor(t.app, t.store, { email: 'v@example.org', role: 'viewer' });
    const refused = await t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: viewer.cookie, 'x-csrf-token': viewer.csrf },
      payload: { text: 'hello' },
    });
    expect(refused.statusCode).toBe(403);
  });
});

describe('POST /api/v1/errata/bulk', () => {
  it('should change every erratum of the site and answer "not found" for others’ and unknown ids', async () => {
    await addSite(t.store, 'other', 'https://other.example');
    const one = await reportWord('one');
    const two = await reportWord('two');
    const foreign = await reportWord('secret', { site: 'other-key', url: 'https://other.example/a' });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/errata/bulk',
      headers: session,
      payload: {
        site: 'demo',
        ids: [one.erratum.id, two.erratum.id, foreign.erratum.id, 'made-up'],
        change: { status: 'spam', assigneeId: editorId },
      },
    });
    expect(response.statusCode).toBe(200);
    const result = response.json();
    expect(result.updated.map((e: { id: string; status: string }) => [e.id, e.status]).sort()).toEqual(
      [
        [one.erratum.id, 'spam'],
        [two.erratum.id, 'spam'],
      ].sort(),
    );
    expect(result.failed).toEqual([
      { id: foreign.erratum.id, error: 'not found' },
      { id: 'made-up', error: 'not found' },
    ]);
    expect(response.body).not.toContain('secret');
    const untouched = await t.store.db
      .selectFrom('errata')
      .select('status')
      .where('id', '=', foreign.erratum.id)
      .executeTakeFirstOrThrow();
    expect(untouched.status).toBe('open');
  });

  it('should refuse a site the caller cannot edit, and too many ids', async () => {
    const one = await reportWord('one');
    const token = await createApiToken(t.store, 'demo', 'test');
    await addSite(t.store, 'other', 'https://other.example');
    const otherToken = await createApiToken(t.store, 'other', 'test');
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/v1/errata/bulk',
      headers: { authorization: `Bearer ${otherToken}` },
      payload: { site: 'demo', ids: [one.erratum.id], change: { status: 'fixed' } },
    });
    expect(foreign.statusCode).toBe(404);
    const many = await t.app.inject({
      method: 'POST',
      url: '/api/v1/errata/bulk',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        site: 'demo',
        ids: Array.from({ length: 501 }, (_, i) => `id${i}`),
        change: { status: 'fixed' },
      },
    });
    expect(many.statusCode).toBe(400);
    expect(Object.keys(many.json().fields)).toEqual(['ids']);
  });
});

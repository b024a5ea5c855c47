import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiToken } from '../domain/api-tokens.ts';
import { loadUnsubscribeKey } from '../mail/mail-context.ts';
import { unsubscribeToken } from '../mail/unsubscribe-link.ts';
import { findEmailPreference } from '../store/email-preferences-store.ts';
import { addSite, openTestApp, signedInEditor, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await openTestApp();
});
afterEach(async () => t.close());

const editor = (email = 'ed@example.org') => signedInEditor(t.app, t.store, { email, sites: ['demo'] });

const url = '/api/v1/sites/demo/email-preferences';

/** The editor's PUT of their e-mail choice, with their session and CSRF token. */
const choose = (ed: { cookie: string; csrf: string }, payload: object, path = url) =>
  t.app.inject({
    method: 'PUT',
    url: path,
    headers: { cookie: ed.cookie, 'x-csrf-token': ed.csrf },
    payload,
  });

/** The one-click unsubscribe a mail client sends (RFC 8058), as a form. */
const oneClick = (link: string) =>
  t.app.inject({
    method: 'POST',
    url: link,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'List-Unsubscribe=One-Click',
  });

describe('email preferences', () => {
  it('should answer off for an editor who never chose', async () => {
    const ed = await editor();
    const response = await t.app.inject({ url, headers: { cookie: ed.cookie } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ mode: 'off', instantFrom: 1, mailConfigured: false });
  });

  it('should keep an editor’s choice of instant mail from the third report', async () => {
    const ed = await editor();
    const put = await choose(ed, { mode: 'instant', instantFrom: 3 });
    expect(put.statusCode).toBe(200);
    const get = await t.app.inject({ url, headers: { cookie: ed.cookie } });
    expect(get.json()).toMatchObject({ mode: 'instant', instantFrom: 3 });
  });

  it('should refuse a report number below 1 with a message naming the field', async () => {
    const ed = await editor();
    const put = await choose(ed, { mode: 'instant', instantFrom: 0 });
    expect(put.statusCode).toBe(400);
    expect(put.json().error).toContain('instantFrom');
  });

  it('should answer 404 for a site the editor is not a member of', async () => {
    await addSite(t.store, 'other', 'https://other.example');
    const ed = await editor();
    const response = await t.app.inject({
      url: '/api/v1/sites/other/email-preferences',
      headers: { cookie: ed.cookie },
    });
    expect(response.statusCode).toBe(404);
  });

  it('should show and change only the signed-in editor’s own choice', async () => {
    const ann = await editor('ann@example.org');
    const bob = await editor('bob@example.org');
    await choose(ann, { mode: 'instant', instantFrom: 2 });
    const bobs = await t.app.inject({ url, headers: { cookie: bob.cookie } });
    expect(bobs.json()).toMatchObject({ mode: 'off', instantFrom: 1 });
    expect((await findEmailPreference(t.store.db, ann.userId, 'demo'))?.mode).toBe('instant');
  });

  it('should refuse a site API token: e-mail choices belong to a person', async () => {
    const token = await createApiToken(t.store, 'demo', 'cms');
    const response = await t.app.inject({ url, headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toContain('signed-in editor');
  });

  it('should refuse a write without the CSRF token', async () => {
    const ed = await editor();
    const put = await t.app.inject({
      method: 'PUT',
      url,
      headers: { cookie: ed.cookie },
      payload: { mode: 'digest', instantFrom: 1 },
    });
    expect(put.statusCode).toBe(403);
  });
});

describe('unsubscribe link', () => {
  async function subscribed() {
    const ed = await editor();
    await choose(ed, { mode: 'digest', instantFrom: 1 });
    const token = unsubscribeToken(await loadUnsubscribeKey(t.store), ed.userId, 'demo');
    return { ed, link: `/api/v1/email/unsubscribe?token=${token}` };
  }

  it('should show a confirmation page without turning mail off', async () => {
    const { ed, link } = await subscribed();
    const page = await t.app.inject({ url: link });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<form method="post"');
    expect((await findEmailPreference(t.store.db, ed.userId, 'demo'))?.mode).toBe('digest');
  });

  it('should turn mail off with a one-click POST, without signing in', async () => {
    const { ed, link } = await subscribed();
    const post = await oneClick(link);
    expect(post.statusCode).toBe(200);
    expect((await findEmailPreference(t.store.db, ed.userId, 'demo'))?.mode).toBe('off');
  });

  it('should take the one-click POST as multipart/form-data too (RFC 8058 allows both), changing only the mode', async () => {
    const { ed, link } = await subscribed();
    const boundary = 'errata-test-boundary';
    const post = await t.app.inject({
      method: 'POST',
      url: link,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload:
        `--${boundary}\r\ncontent-disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n` +
        `--${boundary}\r\ncontent-disposition: form-data; name="mode"\r\n\r\ninstant\r\n--${boundary}--\r\n`,
    });
    expect(post.statusCode).toBe(200);
    expect(await findEmailPreference(t.store.db, ed.userId, 'demo')).toMatchObject({
      mode: 'off',
      instantFrom: 1,
    });
  });

  it('should not turn off another site’s mail of the same editor', async () => {
    await addSite(t.store, 'other', 'https://other.example');
    const { ed, link } = await subscribed();
    await t.store.db
      .insertInto('members')
      .values({ user_id: ed.userId, site_id: 'other', role: 'editor', created_at: new Date().toISOString() })
      .execute();
    const other = await choose(
      ed,
      { mode: 'instant', instantFrom: 1 },
      '/api/v1/sites/other/email-preferences',
    );
    expect(other.statusCode).toBe(200);
    const post = await oneClick(link);
    expect(post.statusCode).toBe(200);
    expect((await findEmailPreference(t.store.db, ed.userId, 'demo'))?.mode).toBe('off');
    expect((await findEmailPreference(t.store.db, ed.userId, 'other'))?.mode).toBe('instant');
  });

  it('should answer 404 for a made-up token', async () => {
    await subscribed();
    const post = await oneClick('/api/v1/email/unsubscribe?token=madeup');
    expect(post.statusCode).toBe(404);
    expect(post.body).toContain('not valid');
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareFirstSignIn } from '../domain/first-owner.ts';
import { addUser } from '../domain/users.ts';
import { openTestApp, signedInEditor, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await openTestApp();
});
afterEach(async () => t.close());

describe('dashboard sessions', () => {
  it('should set an HttpOnly, SameSite session cookie on sign-in and describe the editor', async () => {
    await addUser(t.store, { email: 'Ed@Example.org', password: 'long enough secret', role: 'editor' });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'ed@example.org ', password: 'long enough secret' },
    });
    expect(response.statusCode).toBe(200);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/^errata_session=/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    const body = response.json();
    expect(body.user.email).toBe('ed@example.org');
    expect(body.sites).toEqual([{ id: 'demo', name: 'The demo newsroom', role: 'editor' }]);
    expect(body.csrfToken).toEqual(expect.any(String));
  });

  it('should refuse a wrong password and an unknown e-mail with the same message', async () => {
    await addUser(t.store, { email: 'ed@example.org', password: 'long enough secret', role: 'editor' });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'ed@example.org', password: 'not the secret' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'who@example.org', password: 'not the secret' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('should answer 401 to GET /api/v1/session without a cookie', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/session' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error).toBe('Sign in first.');
  });

  it('should end the session on sign-out', async () => {
    const editor = await signedInEditor(t.app, t.store, { email: 'ed@example.org' });
    const out = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/session',
      headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf },
    });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/v1/session',
      headers: { cookie: editor.cookie },
    });
    expect(after.statusCode).toBe(401);
  });

  it('should refuse a write made with the cookie but without the CSRF token', async () => {
    const editor = await signedInEditor(t.app, t.store, { email: 'ed@example.org' });
    const response = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/session',
      headers: { cookie: editor.cookie },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toContain('CSRF');
  });
});

describe('CSRF on status changes', () => {
  it('should refuse a status change made with the cookie and a wrong CSRF token', async () => {
    const editor = await signedInEditor(t.app, t.store, { email: 'ed@example.org' });
    const response = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/errata/anything',
      headers: { cookie: editor.cookie, 'x-csrf-token': `${editor.csrf}x` },
      payload: { status: 'fixed' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toContain('CSRF');
  });
});

describe('first owner through the setup link', () => {
  it('should create the owner once and sign them in', async () => {
    const first = await prepareFirstSignIn(t.store, {});
    if (first.kind !== 'setup-link') throw new Error(`expected a setup link, got ${first.kind}`);
    const check = await t.app.inject({ method: 'GET', url: `/api/v1/setup?token=${first.token}` });
    expect(check.json()).toEqual({ valid: true });

    const setup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { token: first.token, email: 'owner@example.org', password: 'a long passphrase' },
    });
    expect(setup.statusCode).toBe(200);
    expect(setup.json().sites).toEqual([{ id: 'demo', name: 'The demo newsroom', role: 'owner' }]);

    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { token: first.token, email: 'second@example.org', password: 'a long passphrase' },
    });
    expect(again.statusCode).toBe(409);
  });

  it('should not spend the link on a password that is too short', async () => {
    const first = await prepareFirstSignIn(t.store, {});
    if (first.kind !== 'setup-link') throw new Error('expected a setup link');
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { token: first.token, email: 'owner@example.org', password: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().fields.password).toBe('is shorter than 10 characters');
    const check = await t.app.inject({ method: 'GET', url: `/api/v1/setup?token=${first.token}` });
    expect(check.json()).toEqual({ valid: true });
  });

  it('should create the owner from ERRATA_ADMIN_EMAIL and ERRATA_ADMIN_PASSWORD instead of a link', async () => {
    const first = await prepareFirstSignIn(t.store, {
      email: 'Boss@Example.org',
      password: 'a long passphrase',
    });
    expect(first).toEqual({ kind: 'owner-created', email: 'boss@example.org' });
    expect(await prepareFirstSignIn(t.store, {})).toEqual({ kind: 'users-exist' });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiToken } from '../domain/api-tokens.ts';
import { prepareFirstSignIn } from '../domain/first-owner.ts';
import { sha256Hex } from '../domain/secrets.ts';
import { ACCOUNT_FAILURES_PER_HOUR, admitSignIn } from '../domain/sign-in-limits.ts';
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

describe('the session routes without a session', () => {
  for (const method of ['GET', 'DELETE'] as const) {
    it(`should answer 401 to ${method} /api/v1/session with an API token instead of a cookie`, async () => {
      const token = await createApiToken(t.store, 'demo', 'script');
      const response = await t.app.inject({
        method,
        url: '/api/v1/session',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().error).toContain('dashboard session');
    });

    it(`should answer 401 to ${method} /api/v1/session with no credential`, async () => {
      const response = await t.app.inject({ method, url: '/api/v1/session' });
      expect(response.statusCode).toBe(401);
      expect(response.json().error).toBe('Sign in first.');
    });
  }
});

/** A sign-in from `ip`, as a browser there would send it. */
function signInFrom(ip: string, email: string, password: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/session',
    remoteAddress: ip,
    payload: { email, password },
  });
}

describe('sign-in limits', () => {
  it('should answer 429 to the eleventh sign-in in a minute from one address, whatever the accounts', async () => {
    for (let i = 0; i < 10; i++) {
      const response = await signInFrom('192.0.2.50', `user${i}@example.org`, 'not the secret');
      expect(response.statusCode).toBe(401);
    }
    const eleventh = await signInFrom('192.0.2.50', 'user10@example.org', 'not the secret');
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.json().error).toMatch(/^Too many attempts: try again in \d+ (second|minute)s?\.$/);
    expect(Number(eleventh.headers['retry-after'])).toBeGreaterThan(0);
    expect((await signInFrom('192.0.2.51', 'user10@example.org', 'not the secret')).statusCode).toBe(401);
  });

  it('should make an address wait after three wrong passwords for one account, with Retry-After', async () => {
    await addUser(t.store, { email: 'ed@example.org', password: 'long enough secret', role: 'editor' });
    for (let i = 0; i < 3; i++) {
      expect((await signInFrom('192.0.2.7', 'ed@example.org', 'not the secret')).statusCode).toBe(401);
    }
    const limited = await signInFrom('192.0.2.7', 'ed@example.org', 'long enough secret');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    expect(limited.json()).toEqual({
      error: 'Too many sign-in attempts for this account: try again in 1 s.',
    });
    expect(limited.headers['set-cookie']).toBeUndefined();
  });

  it('should count failures on one instance against attempts on another over the same database', async () => {
    await addUser(t.store, { email: 'ed@example.org', password: 'long enough secret', role: 'editor' });
    for (let i = 0; i < 3; i++) await signInFrom('192.0.2.7', 'ed@example.org', 'not the secret');
    const other = await openTestApp({ store: t.store });
    try {
      const response = await other.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        remoteAddress: '192.0.2.7',
        payload: { email: 'ed@example.org', password: 'long enough secret' },
      });
      expect(response.statusCode).toBe(429);
    } finally {
      await other.close();
    }
  });

  it('should limit an unknown e-mail exactly like a known one', async () => {
    await addUser(t.store, { email: 'ed@example.org', password: 'long enough secret', role: 'editor' });
    const answers = async (email: string, ip: string) => {
      const seen = [];
      for (let i = 0; i < 4; i++) {
        const response = await signInFrom(ip, email, 'not the secret');
        seen.push([response.statusCode, response.json(), response.headers['retry-after']]);
      }
      return seen;
    };
    expect(await answers('who@example.org', '192.0.2.8')).toEqual(
      await answers('ed@example.org', '192.0.2.9'),
    );
  });

  it('should still sign the owner in from their address while another is made to wait', async () => {
    await addUser(t.store, { email: 'ed@example.org', password: 'long enough secret', role: 'editor' });
    for (let i = 0; i < 4; i++) await signInFrom('203.0.113.66', 'ed@example.org', 'not the secret');
    expect((await signInFrom('203.0.113.66', 'ed@example.org', 'not the secret')).statusCode).toBe(429);
    expect((await signInFrom('192.0.2.7', 'ed@example.org', 'long enough secret')).statusCode).toBe(200);
  });

  it("should still check the owner's password from a fresh address once the account's hourly budget is spent", async () => {
    await addUser(t.store, { email: 'ed@example.org', password: 'long enough secret', role: 'editor' });
    for (let n = 0; n < ACCOUNT_FAILURES_PER_HOUR; n++) {
      await admitSignIn(t.store, 'ed@example.org', `203.0.113.${Math.floor(n / 3)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1100)); // each address's own wait (1 s) is over
    const attacker = await signInFrom('203.0.113.0', 'ed@example.org', 'long enough secret');
    expect(attacker.statusCode).toBe(429);
    expect(Number(attacker.headers['retry-after'])).toBeGreaterThan(3500);
    expect((await signInFrom('192.0.2.7', 'ed@example.org', 'long enough secret')).statusCode).toBe(200);
  });

  it('should start the address afresh after a right password', async () => {
    await addUser(t.store, { email: 'ed@example.org', password: 'long enough secret', role: 'editor' });
    for (let i = 0; i < 2; i++) await signInFrom('192.0.2.7', 'ed@example.org', 'not the secret');
    expect((await signInFrom('192.0.2.7', 'ed@example.org', 'long enough secret')).statusCode).toBe(200);
    for (let i = 0; i < 3; i++) {
      expect((await signInFrom('192.0.2.7', 'ed@example.org', 'not the secret')).statusCode).toBe(401);
    }
    expect((await signInFrom('192.0.2.7', 'ed@example.org', 'not the secret')).statusCode).toBe(429);
  });
});

describe('session cookies', () => {
  it('should mark the cookie Secure when the server is reached over https', async () => {
    const secure = await openTestApp({ publicUrl: 'https://errata.example.org' });
    try {
      await addUser(secure.store, {
        email: 'ed@example.org',
        password: 'long enough secret',
        role: 'editor',
      });
      const response = await secure.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: 'ed@example.org', password: 'long enough secret' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.cookies.find((c) => c.name === 'errata_session')?.secure).toBe(true);
    } finally {
      await secure.close();
    }
  });

  it('should not mark the cookie Secure over plain http (a browser would drop it)', async () => {
    await addUser(t.store, { email: 'ed@example.org', password: 'long enough secret', role: 'editor' });
    const response = await signInFrom('192.0.2.7', 'ed@example.org', 'long enough secret');
    expect(response.cookies.find((c) => c.name === 'errata_session')?.secure).toBeFalsy();
  });
});

describe('secrets at rest', () => {
  it('should keep only a hash of the session cookie in the database', async () => {
    const editor = await signedInEditor(t.app, t.store, { email: 'ed@example.org' });
    const cookieValue = editor.cookie.slice('errata_session='.length);
    const rows = await t.store.db.selectFrom('sessions').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(cookieValue);
    expect(rows[0]?.id).toBe(sha256Hex(cookieValue));
  });

  it('should keep only a hash of an API token in the database', async () => {
    const token = await createApiToken(t.store, 'demo', 'script');
    const rows = await t.store.db.selectFrom('api_tokens').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]?.token_hash).toBe(sha256Hex(token));
  });

  it('should keep only a hash of the setup link in the database', async () => {
    const first = await prepareFirstSignIn(t.store, {});
    if (first.kind !== 'setup-link') throw new Error('expected a setup link');
    const rows = await t.store.db.selectFrom('setup_tokens').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(first.token);
    expect(rows[0]?.token_hash).toBe(sha256Hex(first.token));
  });
});

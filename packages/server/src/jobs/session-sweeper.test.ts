import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_TTL_MS } from '../domain/sessions.ts';
import { admitSignIn } from '../domain/sign-in-limits.ts';
import { openTestApp, signedInEditor, type TestApp } from '../testing/test-app.ts';
import { sweepSessions } from './session-sweeper.ts';

let t: TestApp;
beforeEach(async () => {
  t = await openTestApp();
});
afterEach(async () => t.close());

const DAY_MS = 24 * 3600 * 1000;

/** Moves every session's end to `expiresAt`, as if that much time had passed. */
async function expireSessions(expiresAt: Date): Promise<void> {
  await t.store.db.updateTable('sessions').set({ expires_at: expiresAt.toISOString() }).execute();
}

describe('session expiry', () => {
  it('should give a session cookie fourteen days', async () => {
    const before = Date.now();
    await signedInEditor(t.app, t.store, { email: 'ed@example.org' });
    const [row] = await t.store.db.selectFrom('sessions').select('expires_at').execute();
    const lasts = Date.parse(row?.expires_at ?? '') - before;
    expect(lasts).toBeGreaterThanOrEqual(SESSION_TTL_MS);
    expect(lasts).toBeLessThan(SESSION_TTL_MS + 60_000);
    expect(SESSION_TTL_MS).toBe(14 * DAY_MS);
  });

  it('should refuse an expired session at once, before any sweep', async () => {
    const editor = await signedInEditor(t.app, t.store, { email: 'ed@example.org' });
    const ask = () =>
      t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: editor.cookie } });
    expect((await ask()).statusCode).toBe(200);
    await expireSessions(new Date(Date.now() - 1000));
    const after = await ask();
    expect(after.statusCode).toBe(401);
    expect(after.json().error).toBe('Sign in first.');
  });
});

describe('the session sweeper', () => {
  it('should delete expired sessions and keep live ones', async () => {
    await signedInEditor(t.app, t.store, { email: 'gone@example.org' });
    await expireSessions(new Date(Date.now() - 1000));
    const live = await signedInEditor(t.app, t.store, { email: 'here@example.org' });
    await sweepSessions(t.store);
    const rows = await t.store.db.selectFrom('sessions').select('user_id').execute();
    expect(rows.map((r) => r.user_id)).toEqual([live.userId]);
  });

  it('should delete sign-in failures nobody has added to for a day, and keep recent ones', async () => {
    const now = new Date();
    await admitSignIn(t.store, 'old@example.org', '192.0.2.1', new Date(now.getTime() - DAY_MS - 1000));
    await admitSignIn(t.store, 'new@example.org', '192.0.2.1', new Date(now.getTime() - 1000));
    await sweepSessions(t.store, now);
    const rows = await t.store.db.selectFrom('sign_in_failures').select(['address']).execute();
    // The recent attempt's two counts (its address, the account's total) stay; the old one's go.
    expect(rows.map((r) => r.address).sort()).toEqual(['*', '192.0.2.1']);
  });
});

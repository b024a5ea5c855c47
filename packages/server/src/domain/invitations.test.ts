import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listSiteMembers } from '../store/members-store.ts';
import type { Store } from '../store/open-store.ts';
import { openTestStore } from '../testing/test-app.ts';
import { acceptInvitation, createInvitation, INVITATION_TTL_MS, previewInvitation } from './invitations.ts';
import { addUser } from './users.ts';

let store: Store;
let cleanup: () => Promise<void>;
let owner: { kind: 'user'; userId: string };

beforeEach(async () => {
  ({ store, cleanup } = await openTestStore());
  const { userId } = await addUser(store, {
    email: 'owner@example.org',
    password: 'correct horse battery',
    role: 'owner',
    sites: ['demo'],
  });
  owner = { kind: 'user', userId };
});
afterEach(async () => cleanup());

const tokenOf = (url: string) => new URL(url).searchParams.get('token') as string;

describe('invitations', () => {
  it('should keep only a hash of the token, and put the token in a link under the public URL', async () => {
    const { url, expiresAt } = await createInvitation(
      store,
      owner,
      'demo',
      { role: 'viewer' },
      'https://errata.example.org/',
    );
    expect(url).toMatch(/^https:\/\/errata\.example\.org\/admin\/invite\?token=[\w-]{43}$/);
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(INVITATION_TTL_MS - 60_000);
    const rows = await store.db.selectFrom('invitations').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(tokenOf(url));
    expect(await previewInvitation(store, tokenOf(url))).toMatchObject({ site: 'demo', role: 'viewer' });
  });

  it('should let only one of two people racing with the same link join', async () => {
    const { url } = await createInvitation(store, owner, 'demo', { role: 'editor' }, 'http://localhost');
    const results = await Promise.allSettled([
      acceptInvitation(store, tokenOf(url), {
        email: 'one@example.org',
        password: 'first long password',
        ip: '127.0.0.1',
      }),
      acceptInvitation(store, tokenOf(url), {
        email: 'two@example.org',
        password: 'second long password',
        ip: '127.0.0.1',
      }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(String(refused.reason.message)).toMatch(/used|moment ago/);
    const members = await listSiteMembers(store.db, 'demo');
    expect(members.filter((m) => m.role === 'editor')).toHaveLength(1);
    // The loser's account was not created either: nothing half-done is left.
    const users = await store.db.selectFrom('users').select('email').execute();
    expect(users).toHaveLength(2);
  });

  it('should grant nothing through a link whose maker no longer owns the site', async () => {
    const { url } = await createInvitation(store, owner, 'demo', { role: 'owner' }, 'http://localhost');
    // Demoted by any path, even one that does not withdraw the link.
    await store.db
      .updateTable('members')
      .set({ role: 'editor' })
      .where('user_id', '=', owner.userId)
      .execute();
    await expect(
      acceptInvitation(store, tokenOf(url), {
        email: 'new@example.org',
        password: 'a new long password',
        ip: '127.0.0.1',
      }),
    ).rejects.toThrow('no longer owns the site');
    expect((await listSiteMembers(store.db, 'demo')).map((m) => m.role)).toEqual(['editor']);
    const users = await store.db.selectFrom('users').select('email').execute();
    expect(users).toHaveLength(1);
  });

  it('should refuse a weak password before spending the link', async () => {
    const { url } = await createInvitation(store, owner, 'demo', { role: 'editor' }, 'http://localhost');
    await expect(
      acceptInvitation(store, tokenOf(url), { email: 'new@example.org', password: 'short', ip: '127.0.0.1' }),
    ).rejects.toThrow('at least');
    expect(await previewInvitation(store, tokenOf(url))).toMatchObject({ role: 'editor' });
  });
});

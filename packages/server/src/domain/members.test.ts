import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listSiteMembers } from '../store/members-store.ts';
import type { Store } from '../store/open-store.ts';
import { openTestStore } from '../testing/test-app.ts';
import type { Principal } from './access.ts';
import { createInvitation, previewInvitation } from './invitations.ts';
import { changeMemberRole, removeMember } from './members.ts';
import { addUser } from './users.ts';

let store: Store;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ store, cleanup } = await openTestStore());
});
afterEach(async () => cleanup());

async function owner(email: string): Promise<Principal & { userId: string }> {
  const { userId } = await addUser(store, {
    email,
    password: 'correct horse battery',
    role: 'owner',
    sites: ['demo'],
  });
  return { kind: 'user', userId };
}

describe('members', () => {
  it('should keep one owner when two owners demote each other at the same moment', async () => {
    const ann = await owner('ann@example.org');
    const bob = await owner('bob@example.org');
    const results = await Promise.allSettled([
      changeMemberRole(store, ann, 'demo', bob.userId, 'editor'),
      changeMemberRole(store, bob, 'demo', ann.userId, 'editor'),
    ]);
    const owners = (await listSiteMembers(store.db, 'demo')).filter((m) => m.role === 'owner');
    expect(owners).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
  });

  it('should keep one owner when two owners leave at the same moment', async () => {
    const ann = await owner('ann@example.org');
    const bob = await owner('bob@example.org');
    await Promise.allSettled([
      removeMember(store, ann, 'demo', ann.userId),
      removeMember(store, bob, 'demo', bob.userId),
    ]);
    expect((await listSiteMembers(store.db, 'demo')).map((m) => m.role)).toEqual(['owner']);
  });

  it('should withdraw the pending links of an owner who is removed', async () => {
    const ann = await owner('ann@example.org');
    const bob = await owner('bob@example.org');
    const link = await createInvitation(store, bob, 'demo', { role: 'owner' }, 'http://localhost');
    await removeMember(store, ann, 'demo', bob.userId);
    const token = new URL(link.url).searchParams.get('token') as string;
    await expect(previewInvitation(store, token)).rejects.toThrow('withdrawn');
  });

  it('should let an API token neither change roles nor remove members', async () => {
    const ann = await owner('ann@example.org');
    const token: Principal = { kind: 'token', siteId: 'demo' };
    await expect(changeMemberRole(store, token, 'demo', ann.userId, 'viewer')).rejects.toThrow(
      'needs the owner role',
    );
    await expect(removeMember(store, token, 'demo', ann.userId)).rejects.toThrow('needs the owner role');
  });
});

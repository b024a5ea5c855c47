import type { MemberRole, SiteMember } from '@errata/core';
import { revokeInvitationsCreatedBy } from '../store/invitations-store.ts';
import {
  deleteMember,
  findSiteMember,
  listSiteMembers,
  lockedOwners,
  setMemberRole,
} from '../store/members-store.ts';
import type { Store } from '../store/open-store.ts';
import { type Principal, requireRole } from './access.ts';
import { ErrataError } from './errors.ts';

/** A site's members and their roles; any member may see who else works on the site. */
export async function listMembers(store: Store, principal: Principal, siteId: string): Promise<SiteMember[]> {
  await requireRole(store, principal, siteId, 'viewer');
  return listSiteMembers(store.db, siteId);
}

/** An owner gives a member another role; the site's last owner stays an owner. */
export async function changeMemberRole(
  store: Store,
  principal: Principal,
  siteId: string,
  userId: string,
  role: MemberRole,
): Promise<SiteMember> {
  await requireRole(store, principal, siteId, 'owner');
  return store.db.transaction().execute(async (trx) => {
    const member = await findSiteMember(trx, siteId, userId);
    if (!member) throw new ErrataError('not_found', 'No such member of this site.');
    // Decided on the owners as locked now: the member's role read above may have changed since.
    const owners = await lockedOwners(trx, siteId);
    if (owners.includes(userId) && role !== 'owner' && owners.length <= 1) {
      throw new ErrataError(
        'invalid',
        `${member.email} is the only owner of this site: make someone else an owner first.`,
        { role: 'the last owner must stay an owner' },
      );
    }
    await setMemberRole(trx, siteId, userId, role);
    if (role !== 'owner') {
      await revokeInvitationsCreatedBy(trx, siteId, userId, new Date().toISOString());
    }
    return { ...member, role };
  });
}

/** Removes a member: owners remove anyone, any member may leave; the last owner cannot go. */
export async function removeMember(
  store: Store,
  principal: Principal,
  siteId: string,
  userId: string,
): Promise<void> {
  const leaving = principal.kind === 'user' && principal.userId === userId;
  await requireRole(store, principal, siteId, leaving ? 'viewer' : 'owner');
  await store.db.transaction().execute(async (trx) => {
    const member = await findSiteMember(trx, siteId, userId);
    if (!member) throw new ErrataError('not_found', 'No such member of this site.');
    const owners = await lockedOwners(trx, siteId);
    if (owners.includes(userId) && owners.length <= 1) {
      throw new ErrataError(
        'invalid',
        leaving
          ? 'You are the only owner of this site: make someone else an owner before you leave.'
          : `${member.email} is the only owner of this site and cannot be removed.`,
      );
    }
    await deleteMember(trx, siteId, userId);
    await revokeInvitationsCreatedBy(trx, siteId, userId, new Date().toISOString());
  });
}

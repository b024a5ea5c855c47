import type { CreatedInvitation, InvitationPreview, MemberRole, SiteInvitation } from '@errata/core';
import { newId } from '../base/ids.ts';
import {
  findInvitationByTokenHash,
  findSiteInvitation,
  type InvitationRow,
  insertInvitation,
  listInvitations,
  markInvitationAccepted,
  revokeInvitation,
} from '../store/invitations-store.ts';
import { findSiteMember } from '../store/members-store.ts';
import type { Store } from '../store/open-store.ts';
import { findSite } from '../store/sites-store.ts';
import { findUserByEmail, insertUser, upsertMember } from '../store/users-store.ts';
import { type Principal, requireRole } from './access.ts';
import { ErrataError } from './errors.ts';
import { checkPasswordStrength, hashPassword, verifyPassword } from './passwords.ts';
import { newToken, sha256Hex } from './secrets.ts';
import { admitSignIn, signInSucceeded } from './sign-in-limits.ts';
import { MEMBER_ROLES, normalizeEmail } from './users.ts';

/** How long an invitation link works: long enough for a weekend, short enough that old links die. */
export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

/** Where the dashboard takes an invitation link, under the server's public URL. */
const INVITE_PATH = '/admin/invite?token=';

const ROLE_RANK: Record<MemberRole, number> = { viewer: 1, editor: 2, owner: 3 };

export function invitationState(row: InvitationRow, now: string): SiteInvitation['state'] {
  if (row.accepted_at !== null) return 'accepted';
  if (row.revoked_at !== null) return 'revoked';
  return row.expires_at <= now ? 'expired' : 'pending';
}

function toSiteInvitation(row: InvitationRow, now: string): SiteInvitation {
  return {
    id: row.id,
    role: row.role as MemberRole,
    email: row.email,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    state: invitationState(row, now),
    acceptedBy: row.accepted_by,
  };
}

/** An owner invites someone: the answer holds the only copy of the link's token. */
export async function createInvitation(
  store: Store,
  principal: Principal,
  siteId: string,
  request: { role: MemberRole; email?: string | undefined },
  publicUrl: string,
): Promise<CreatedInvitation> {
  await requireRole(store, principal, siteId, 'owner');
  return insertNewInvitation(
    store,
    siteId,
    request,
    principal.kind === 'user' ? principal.userId : null,
    publicUrl,
  );
}

/**
 * The server's operator invites someone from the command line (who holds the database
 * anyway): e.g. the first owner of a site made with `errata site add`, who then chooses
 * their own password.
 */
export async function createInvitationAsOperator(
  store: Store,
  siteId: string,
  request: { role: MemberRole; email?: string | undefined },
  publicUrl: string,
): Promise<CreatedInvitation> {
  if (!(await findSite(store.db, siteId)))
    throw new ErrataError('not_found', `No site with the id "${siteId}".`);
  if (!MEMBER_ROLES.includes(request.role)) {
    throw new ErrataError('invalid', `The role must be one of ${MEMBER_ROLES.join(', ')}.`);
  }
  return insertNewInvitation(store, siteId, request, null, publicUrl);
}

async function insertNewInvitation(
  store: Store,
  siteId: string,
  request: { role: MemberRole; email?: string | undefined },
  createdBy: string | null,
  publicUrl: string,
): Promise<CreatedInvitation> {
  const email = request.email?.trim() ? normalizeEmail(request.email) : null;
  const token = newToken();
  const now = new Date();
  const invitation = {
    id: newId(now.getTime()),
    site_id: siteId,
    token_hash: sha256Hex(token),
    role: request.role,
    email,
    created_by: createdBy,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + INVITATION_TTL_MS).toISOString(),
  };
  await insertInvitation(store.db, invitation);
  return {
    id: invitation.id,
    url: `${publicUrl.replace(/\/+$/, '')}${INVITE_PATH}${encodeURIComponent(token)}`,
    expiresAt: invitation.expires_at,
  };
}

/** A site's invitations for its owners, without tokens (the database has none to give). */
export async function listSiteInvitations(
  store: Store,
  principal: Principal,
  siteId: string,
): Promise<SiteInvitation[]> {
  await requireRole(store, principal, siteId, 'owner');
  const now = new Date().toISOString();
  return (await listInvitations(store.db, siteId)).map((row) => toSiteInvitation(row, now));
}

/** An owner withdraws an invitation; its link stops working. */
export async function revokeSiteInvitation(
  store: Store,
  principal: Principal,
  siteId: string,
  invitationId: string,
): Promise<SiteInvitation> {
  await requireRole(store, principal, siteId, 'owner');
  const row = await findSiteInvitation(store.db, siteId, invitationId);
  if (!row) throw new ErrataError('not_found', 'No such invitation on this site.');
  const now = new Date().toISOString();
  await revokeInvitation(store.db, row.id, now);
  const after = await findSiteInvitation(store.db, siteId, invitationId);
  return toSiteInvitation(after ?? row, now);
}

/** The pending invitation a link's token stands for, or a refusal saying why the link is dead. */
async function pendingInvitation(store: Store, token: string): Promise<InvitationRow> {
  const row = await findInvitationByTokenHash(store.db, sha256Hex(token));
  const state = row ? invitationState(row, new Date().toISOString()) : null;
  if (row && state === 'pending') return row;
  const message = {
    accepted: 'This invitation was used already. Sign in with the account that accepted it.',
    revoked: 'This invitation was withdrawn by an owner of the site. Ask them for a new link.',
    expired: 'This invitation has expired (links work for 7 days). Ask an owner of the site for a new one.',
  } as const;
  throw new ErrataError(
    'not_found',
    state && state !== 'pending'
      ? message[state]
      : 'This invitation link is not valid. Check that you copied all of it, or ask for a new one.',
  );
}

/** What an invitation link offers (site name and role), for anyone holding the link. */
export async function previewInvitation(store: Store, token: string): Promise<InvitationPreview> {
  const row = await pendingInvitation(store, token);
  const site = await findSite(store.db, row.site_id);
  if (!site) throw new ErrataError('not_found', 'The site of this invitation no longer exists.');
  return { site: site.id, siteName: site.name, role: row.role as MemberRole, expiresAt: row.expires_at };
}

/** Who accepts: the signed-in user, or someone signing in or creating an account with the form. */
/** Who accepts: the signed-in user, or an e-mail and password from an address (for the sign-in limits). */
export type Acceptor = { userId: string } | { email: string; password: string; ip: string };

/**
 * Joins the invitation's site with its role (never lowering a role the user has there
 * already) and spends the link. Without a session, an unknown e-mail address gets a new
 * account with that password, a known one must give its password. Returns the user id.
 */
export async function acceptInvitation(
  store: Store,
  token: string,
  acceptor: Acceptor,
): Promise<{ userId: string; siteId: string }> {
  let userId: string;
  let newAccount: { email: string; passwordHash: string } | null = null;
  if ('userId' in acceptor) {
    await pendingInvitation(store, token);
    userId = acceptor.userId;
  } else {
    const email = normalizeEmail(acceptor.email);
    checkPasswordStrength(acceptor.password);
    await pendingInvitation(store, token);
    const existing = await findUserByEmail(store.db, email);
    if (existing) {
      // Checking an account's password is a sign-in, under the same per-account limits as POST /api/v1/session.
      const admitted = await admitSignIn(store, acceptor.email, acceptor.ip);
      if (!(await verifyPassword(existing.password_hash, acceptor.password))) {
        throw new ErrataError(
          'unauthorized',
          `An account for ${email} exists already, and this is not its password. Type its password to join with it.`,
          { password: 'is not the password of this account' },
        );
      }
      await signInSucceeded(store, admitted);
      userId = existing.id;
    } else {
      userId = newId();
      newAccount = { email, passwordHash: await hashPassword(acceptor.password) };
    }
  }

  const row = await pendingInvitation(store, token);
  const role = row.role as MemberRole;
  const now = new Date().toISOString();
  await store.db.transaction().execute(async (trx) => {
    if (newAccount) {
      await insertUser(
        trx,
        { id: userId, email: newAccount.email, password_hash: newAccount.passwordHash },
        now,
      );
    }
    // Only owners invite: a link whose maker is no longer an owner grants nothing.
    const inviter = row.created_by ? await findSiteMember(trx, row.site_id, row.created_by) : null;
    if (row.created_by && inviter?.role !== 'owner') {
      throw new ErrataError(
        'not_found',
        'This invitation was withdrawn: whoever made it no longer owns the site. Ask an owner for a new link.',
      );
    }
    if (!(await markInvitationAccepted(trx, row.id, userId, now))) {
      throw new ErrataError(
        'not_found',
        'This invitation was used or withdrawn a moment ago. Ask for a new link.',
      );
    }
    const current = await findSiteMember(trx, row.site_id, userId);
    if (!current || ROLE_RANK[current.role] < ROLE_RANK[role]) {
      await upsertMember(trx, row.site_id, userId, role, now);
    }
  });
  return { userId, siteId: row.site_id };
}

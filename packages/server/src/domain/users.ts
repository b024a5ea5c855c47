import type { MemberRole } from '@errata/core';
import { newId } from '../base/ids.ts';
import type { Store } from '../store/open-store.ts';
import { deleteSessionsOfUser } from '../store/sessions-store.ts';
import { listSites } from '../store/sites-store.ts';
import { findUserByEmail, insertUser, updatePasswordHash, upsertMember } from '../store/users-store.ts';
import { ErrataError } from './errors.ts';
import { checkPasswordStrength, hashPassword } from './passwords.ts';

export const MEMBER_ROLES: readonly MemberRole[] = ['owner', 'editor', 'viewer'];

// Deliberately loose: one @, something on each side, a dot in the domain. Real validation is a mail that arrives.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Lower-cased, trimmed e-mail address, or an ErrataError saying why it is not one. */
export function normalizeEmail(email: string): string {
  const normalized = email.trim().toLowerCase();
  if (!EMAIL_SHAPE.test(normalized) || normalized.length > 254) {
    throw new ErrataError('invalid', `"${email}" is not an e-mail address.`, {
      email: 'is not an e-mail address',
    });
  }
  return normalized;
}

export interface AddUserRequest {
  email: string;
  password: string;
  /** Role on the sites; a new account defaults to owner. */
  role?: MemberRole | undefined;
  /** Site ids to join; a new account joins every site that exists now. */
  sites?: string[] | undefined;
  /**
   * For an existing account: replace its password (ending its sessions) instead of refusing.
   * Its roles change only on the sites named in `sites`.
   */
  updateExisting?: boolean;
}

/**
 * Creates an editor account with `role` on the named sites, or, with updateExisting, resets
 * an existing account's password (signing it out everywhere) and changes its role only
 * where sites are named. Returns the user id, whether it was created, the site ids whose
 * role was set, and that role.
 */
export async function addUser(
  store: Store,
  request: AddUserRequest,
): Promise<{ userId: string; created: boolean; sites: string[]; role: MemberRole }> {
  const email = normalizeEmail(request.email);
  checkPasswordStrength(request.password);
  if (request.role !== undefined && !MEMBER_ROLES.includes(request.role)) {
    throw new ErrataError('invalid', `The role must be one of ${MEMBER_ROLES.join(', ')}.`, {
      role: 'is unknown',
    });
  }
  const existing = await findUserByEmail(store.db, email);
  if (existing && !request.updateExisting) {
    throw new ErrataError('conflict', `An account for ${email} exists already.`, { email: 'is taken' });
  }
  if (existing && request.role !== undefined && request.sites === undefined) {
    throw new ErrataError(
      'invalid',
      'Name the sites (--site) on which to change the role of an existing account.',
    );
  }
  const allSites = (await listSites(store.db)).map((s) => s.id);
  const sites = request.sites ?? (existing ? [] : allSites);
  const unknown = sites.filter((id) => !allSites.includes(id));
  if (unknown.length > 0) throw new ErrataError('not_found', `No site with the id ${unknown.join(', ')}.`);
  const role = request.role ?? (existing ? 'editor' : 'owner');

  const passwordHash = await hashPassword(request.password);
  const now = new Date().toISOString();
  const userId = existing?.id ?? newId();
  await store.db.transaction().execute(async (trx) => {
    if (existing) {
      await updatePasswordHash(trx, userId, passwordHash);
      await deleteSessionsOfUser(trx, userId);
    } else {
      await insertUser(trx, { id: userId, email, password_hash: passwordHash }, now);
    }
    for (const siteId of sites) await upsertMember(trx, siteId, userId, role, now);
  });
  return { userId, created: !existing, sites, role };
}

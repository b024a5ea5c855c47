import type { MemberRole } from '@errata/core';
import type { Store } from '../store/open-store.ts';
import { listSites } from '../store/sites-store.ts';
import { findUserByEmail, insertUser, updatePasswordHash, upsertMember } from '../store/users-store.ts';
import { ErrataError } from './errors.ts';
import { newId } from './ids.ts';
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
  role: MemberRole;
  /** Site ids to join; all sites when omitted. */
  sites?: string[];
  /** Replace the password of an existing account with the same e-mail instead of refusing. */
  updateExisting?: boolean;
}

/**
 * Creates an editor account (or, with updateExisting, resets its password) and gives it
 * `role` on the named sites. Returns the user id, whether it was created, and the site ids joined.
 */
export async function addUser(
  store: Store,
  request: AddUserRequest,
): Promise<{ userId: string; created: boolean; sites: string[] }> {
  const email = normalizeEmail(request.email);
  checkPasswordStrength(request.password);
  if (!MEMBER_ROLES.includes(request.role)) {
    throw new ErrataError('invalid', `The role must be one of ${MEMBER_ROLES.join(', ')}.`, {
      role: 'is unknown',
    });
  }
  const allSites = (await listSites(store.db)).map((s) => s.id);
  const sites = request.sites ?? allSites;
  const unknown = sites.filter((id) => !allSites.includes(id));
  if (unknown.length > 0) throw new ErrataError('not_found', `No site with the id ${unknown.join(', ')}.`);

  const passwordHash = await hashPassword(request.password);
  const now = new Date().toISOString();
  const existing = await findUserByEmail(store.db, email);
  if (existing && !request.updateExisting) {
    throw new ErrataError('conflict', `An account for ${email} exists already.`, { email: 'is taken' });
  }
  const userId = existing?.id ?? newId();
  await store.db.transaction().execute(async (trx) => {
    if (existing) await updatePasswordHash(trx, userId, passwordHash);
    else await insertUser(trx, { id: userId, email, password_hash: passwordHash }, now);
    for (const siteId of sites) await upsertMember(trx, siteId, userId, request.role, now);
  });
  return { userId, created: !existing, sites };
}

import type { MemberRole } from '@errata/core';
import type { Store } from '../store/open-store.ts';
import { ErrataError } from './errors.ts';

/** Who is asking: an editor signed in to the dashboard, or a script with a site's API token. */
export type Principal = { kind: 'user'; userId: string } | { kind: 'token'; siteId: string };

/** What each role may do; higher includes lower. */
const ROLE_RANK: Record<MemberRole, number> = { viewer: 1, editor: 2, owner: 3 };

/** An API token acts as an editor of its one site: it reads and triages, it does not manage the site. */
const TOKEN_ROLE: MemberRole = 'editor';

/** The principal's role on a site, or null when it has none. */
export async function roleOn(store: Store, principal: Principal, siteId: string): Promise<MemberRole | null> {
  if (principal.kind === 'token') return principal.siteId === siteId ? TOKEN_ROLE : null;
  const row = await store.db
    .selectFrom('members')
    .select('role')
    .where('site_id', '=', siteId)
    .where('user_id', '=', principal.userId)
    .executeTakeFirst();
  return (row?.role as MemberRole | undefined) ?? null;
}

/**
 * Refuses unless the principal has at least `needed` on the site. A site the principal is
 * no member of answers "not found", the same as a site that does not exist: no one learns
 * which sites exist from outside them.
 */
export async function requireRole(
  store: Store,
  principal: Principal,
  siteId: string,
  needed: MemberRole,
): Promise<MemberRole> {
  const role = await roleOn(store, principal, siteId);
  if (role === null) throw new ErrataError('not_found', `No site "${siteId}" that you are a member of.`);
  if (ROLE_RANK[role] < ROLE_RANK[needed]) {
    throw new ErrataError('forbidden', `This needs the ${needed} role on "${siteId}"; you are a ${role}.`);
  }
  return role;
}

import type { MemberRole } from '@errata/core';
import type { Kysely } from 'kysely';
import { lockedForUpdate } from './row-locks.ts';
import type { Database } from './schema.ts';

export interface MemberRow {
  userId: string;
  email: string;
  role: MemberRole;
}

/** A site's members with their e-mail addresses, owners first. */
export async function listSiteMembers(db: Kysely<Database>, siteId: string): Promise<MemberRow[]> {
  const rows = await db
    .selectFrom('members')
    .innerJoin('users', 'users.id', 'members.user_id')
    .select(['users.id as userId', 'users.email as email', 'members.role as role'])
    .where('members.site_id', '=', siteId)
    .orderBy('users.email')
    .execute();
  const rank: Record<string, number> = { owner: 0, editor: 1, viewer: 2 };
  return rows
    .map((r) => ({ userId: r.userId, email: r.email, role: r.role as MemberRole }))
    .sort((a, b) => (rank[a.role] ?? 3) - (rank[b.role] ?? 3));
}

export async function findSiteMember(
  db: Kysely<Database>,
  siteId: string,
  userId: string,
): Promise<MemberRow | null> {
  const row = await db
    .selectFrom('members')
    .innerJoin('users', 'users.id', 'members.user_id')
    .select(['users.id as userId', 'users.email as email', 'members.role as role'])
    .where('members.site_id', '=', siteId)
    .where('members.user_id', '=', userId)
    .executeTakeFirst();
  return row ? { userId: row.userId, email: row.email, role: row.role as MemberRole } : null;
}

/**
 * The site's owners (user ids), their rows locked until the transaction ends: the last-owner
 * rule reads them and then writes, and two owners may act at the same moment.
 */
export async function lockedOwners(db: Kysely<Database>, siteId: string): Promise<string[]> {
  const owners = await lockedForUpdate(
    db,
    db
      .selectFrom('members')
      .select('user_id')
      .where('site_id', '=', siteId)
      .where('role', '=', 'owner')
      .orderBy('user_id'),
  ).execute();
  return owners.map((o) => o.user_id);
}

export async function setMemberRole(
  db: Kysely<Database>,
  siteId: string,
  userId: string,
  role: MemberRole,
): Promise<void> {
  await db
    .updateTable('members')
    .set({ role })
    .where('site_id', '=', siteId)
    .where('user_id', '=', userId)
    .execute();
}

export async function deleteMember(db: Kysely<Database>, siteId: string, userId: string): Promise<void> {
  await db.deleteFrom('members').where('site_id', '=', siteId).where('user_id', '=', userId).execute();
}

/** Whether the user owns at least one site (who may create more sites). */
export async function ownsAnySite(db: Kysely<Database>, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('members')
    .select('site_id')
    .where('user_id', '=', userId)
    .where('role', '=', 'owner')
    .executeTakeFirst();
  return row !== undefined;
}

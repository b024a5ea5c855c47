import type { MemberRole } from '@errata/core';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export interface UserRow {
  id: string;
  email: string;
  password_hash: string;
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<UserRow | null> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'email', 'password_hash'])
    .where('email', '=', email)
    .executeTakeFirst();
  return row ?? null;
}

export async function findUser(db: Kysely<Database>, id: string): Promise<UserRow | null> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'email', 'password_hash'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

export async function insertUser(db: Kysely<Database>, user: UserRow, now: string): Promise<void> {
  await db
    .insertInto('users')
    .values({ ...user, created_at: now })
    .execute();
}

export async function updatePasswordHash(db: Kysely<Database>, userId: string, hash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
}

/** Gives a user a role on a site, replacing any role they had there. */
export async function upsertMember(
  db: Kysely<Database>,
  siteId: string,
  userId: string,
  role: MemberRole,
  now: string,
): Promise<void> {
  await db
    .insertInto('members')
    .values({ site_id: siteId, user_id: userId, role, created_at: now })
    .onConflict((oc) => oc.columns(['site_id', 'user_id']).doUpdateSet({ role }))
    .execute();
}

/** The sites a user is a member of, with their role. */
export async function listMemberships(
  db: Kysely<Database>,
  userId: string,
): Promise<{ id: string; name: string; role: MemberRole }[]> {
  const rows = await db
    .selectFrom('members')
    .innerJoin('sites', 'sites.id', 'members.site_id')
    .select(['sites.id as id', 'sites.name as name', 'members.role as role'])
    .where('members.user_id', '=', userId)
    .orderBy('sites.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, role: r.role as MemberRole }));
}

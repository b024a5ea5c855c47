import type { Kysely, Selectable } from 'kysely';
import type { Database, InvitationTable } from './schema.ts';

export type InvitationRow = Selectable<InvitationTable>;

export async function insertInvitation(
  db: Kysely<Database>,
  invitation: Omit<InvitationRow, 'accepted_at' | 'accepted_by' | 'revoked_at'>,
): Promise<void> {
  await db
    .insertInto('invitations')
    .values({ ...invitation, accepted_at: null, accepted_by: null, revoked_at: null })
    .execute();
}

/** A site's invitations, newest first. */
export async function listInvitations(db: Kysely<Database>, siteId: string): Promise<InvitationRow[]> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('site_id', '=', siteId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** One invitation of a site; null when it does not exist or belongs to another site. */
export async function findSiteInvitation(
  db: Kysely<Database>,
  siteId: string,
  id: string,
): Promise<InvitationRow | null> {
  const row = await db
    .selectFrom('invitations')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

export async function findInvitationByTokenHash(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<InvitationRow | null> {
  const row = await db
    .selectFrom('invitations')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row ?? null;
}

export async function revokeInvitation(db: Kysely<Database>, id: string, now: string): Promise<void> {
  await db
    .updateTable('invitations')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .where('accepted_at', 'is', null)
    .execute();
}

/**
 * Withdraws the pending invitations one person made on a site, when they stop being its
 * owner: a link made before cannot bring back what was taken away.
 */
export async function revokeInvitationsCreatedBy(
  db: Kysely<Database>,
  siteId: string,
  userId: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('invitations')
    .set({ revoked_at: now })
    .where('site_id', '=', siteId)
    .where('created_by', '=', userId)
    .where('revoked_at', 'is', null)
    .where('accepted_at', 'is', null)
    .execute();
}

/**
 * Marks a pending invitation accepted; false when it was used, revoked or expired in the
 * meantime, so two people racing with one link cannot both join.
 */
export async function markInvitationAccepted(
  db: Kysely<Database>,
  id: string,
  userId: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ accepted_at: now, accepted_by: userId })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export interface SessionRow {
  id: string;
  user_id: string;
  csrf_token: string;
  expires_at: string;
}

export async function insertSession(db: Kysely<Database>, session: SessionRow, now: string): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ ...session, created_at: now })
    .execute();
}

/** The session with this id unless it has expired. */
export async function findLiveSession(
  db: Kysely<Database>,
  id: string,
  now: string,
): Promise<SessionRow | null> {
  const row = await db
    .selectFrom('sessions')
    .select(['id', 'user_id', 'csrf_token', 'expires_at'])
    .where('id', '=', id)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row ?? null;
}

export async function deleteSession(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteExpiredSessions(db: Kysely<Database>, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

/** Signs a user out everywhere (after a password reset). */
export async function deleteSessionsOfUser(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

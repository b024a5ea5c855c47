import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export async function insertApiToken(
  db: Kysely<Database>,
  token: { id: string; token_hash: string; site_id: string; name: string },
  now: string,
): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({ ...token, created_at: now, last_used_at: null })
    .execute();
}

/** The site an API token (by its hash) gives access to, or null. */
export async function findApiToken(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<{ id: string; site_id: string; last_used_at: string | null } | null> {
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'site_id', 'last_used_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row ?? null;
}

export async function touchApiToken(db: Kysely<Database>, id: string, now: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

export async function insertSetupToken(
  db: Kysely<Database>,
  tokenHash: string,
  expiresAt: string,
): Promise<void> {
  await db.deleteFrom('setup_tokens').execute();
  await db.insertInto('setup_tokens').values({ token_hash: tokenHash, expires_at: expiresAt }).execute();
}

/** Deletes the setup token if it is valid; true when it was (each token works once). */
export async function consumeSetupToken(
  db: Kysely<Database>,
  tokenHash: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('setup_tokens')
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function isSetupTokenValid(
  db: Kysely<Database>,
  tokenHash: string,
  now: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('setup_tokens')
    .select('token_hash')
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row !== undefined;
}

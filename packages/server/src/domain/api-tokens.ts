import { newId } from '../base/ids.ts';
import type { Store } from '../store/open-store.ts';
import { findSite } from '../store/sites-store.ts';
import { findApiToken, insertApiToken, touchApiToken } from '../store/tokens-store.ts';
import { ErrataError } from './errors.ts';
import { newToken, sha256Hex } from './secrets.ts';

/** Prefix of every API token, so a leaked one is recognisable (and greppable by secret scanners). */
export const API_TOKEN_PREFIX = 'errata_';

// Writing last_used_at on every request would turn each read into a write; once a minute is enough to see use.
const TOUCH_EVERY_MS = 60_000;

/** Creates a token with read and triage access to one site; returns the token (shown once, stored hashed). */
export async function createApiToken(store: Store, siteId: string, name: string): Promise<string> {
  if (!(await findSite(store.db, siteId)))
    throw new ErrataError('not_found', `No site with the id "${siteId}".`);
  const token = newToken(API_TOKEN_PREFIX);
  await insertApiToken(
    store.db,
    { id: newId(), token_hash: sha256Hex(token), site_id: siteId, name },
    new Date().toISOString(),
  );
  return token;
}

/** The site a bearer token belongs to, or null for an unknown token. */
export async function resolveApiToken(store: Store, token: string): Promise<{ siteId: string } | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const row = await findApiToken(store.db, sha256Hex(token));
  if (!row) return null;
  const now = new Date();
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > TOUCH_EVERY_MS) {
    await touchApiToken(store.db, row.id, now.toISOString());
  }
  return { siteId: row.site_id };
}

import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** The per-site switches of the recheck and the corrections log. */
export interface SiteFlags {
  /** The recheck may fetch the site's pages on loopback and private addresses. */
  local: boolean;
  /** The site publishes its verified corrections at /c/<site>. */
  publicLog: boolean;
}

export async function findSiteFlags(db: Kysely<Database>, siteId: string): Promise<SiteFlags | null> {
  const row = await db
    .selectFrom('sites')
    .select(['is_local', 'public_log'])
    .where('id', '=', siteId)
    .executeTakeFirst();
  return row ? { local: Number(row.is_local) === 1, publicLog: Number(row.public_log) === 1 } : null;
}

/** Sets one switch of a site; returns false when there is no such site. */
export async function setSiteFlag(
  db: Kysely<Database>,
  siteId: string,
  flag: keyof SiteFlags,
  on: boolean,
): Promise<boolean> {
  const result = await db
    .updateTable('sites')
    .set(flag === 'local' ? { is_local: on ? 1 : 0 } : { public_log: on ? 1 : 0 })
    .where('id', '=', siteId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

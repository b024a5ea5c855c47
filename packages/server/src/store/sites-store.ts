import type { Kysely, Selectable } from 'kysely';
import type { Database, SiteTable } from './schema.ts';

export type SiteRow = Selectable<SiteTable>;

/** A site as the domain uses it. */
export interface Site {
  id: string;
  name: string;
  publicKey: string;
  /** Origins whose pages may report; "self" stands for the server's own origin. */
  allowedOrigins: string[];
  rootSelector: string | null;
  /** Readers may leave an e-mail address for a thank-you (sites.reader_email; off unless set). */
  readerEmail?: boolean;
}

export function toSite(row: SiteRow): Site {
  return {
    id: row.id,
    name: row.name,
    publicKey: row.public_key,
    allowedOrigins: JSON.parse(row.allowed_origins) as string[],
    rootSelector: row.root_selector,
    readerEmail: Number(row.reader_email) === 1,
  };
}

export async function findSiteByPublicKey(db: Kysely<Database>, publicKey: string): Promise<Site | null> {
  const row = await db.selectFrom('sites').selectAll().where('public_key', '=', publicKey).executeTakeFirst();
  return row ? toSite(row) : null;
}

export async function findSite(db: Kysely<Database>, id: string): Promise<Site | null> {
  const row = await db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSite(row) : null;
}

export async function listSites(db: Kysely<Database>): Promise<Site[]> {
  const rows = await db.selectFrom('sites').selectAll().orderBy('id').execute();
  return rows.map(toSite);
}

/** Creates the site unless one with its id exists; returns whether it was created. */
export async function createSiteIfMissing(db: Kysely<Database>, site: Site, now: string): Promise<boolean> {
  const result = await db
    .insertInto('sites')
    .values({
      id: site.id,
      name: site.name,
      public_key: site.publicKey,
      allowed_origins: JSON.stringify(site.allowedOrigins),
      root_selector: site.rootSelector,
      created_at: now,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

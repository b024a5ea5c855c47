import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { inListOfShape } from './statement-shapes.ts';

/** A site's routing of report kinds to desks, e.g. { factual: 'Standards' }. */
export type Desks = Record<string, string>;

/** The desks map stored in sites.desks (JSON text); anything unreadable counts as no desks. */
export function parseDesks(value: string | null | undefined): Desks {
  if (!value) return {};
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
  } catch {
    return {};
  }
}

/** The desks of several sites, read in one query (a batch of reports may span sites). */
export async function desksOfSites(
  db: Kysely<Database>,
  siteIds: readonly string[],
): Promise<Map<string, Desks>> {
  if (siteIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('sites')
    .select(['id', 'desks'])
    .where('id', 'in', inListOfShape(siteIds))
    .execute();
  return new Map(rows.map((row) => [row.id, parseDesks(row.desks)]));
}

/** What an erratum's detail needs of its site: the CMS link template. */
export async function cmsLinkTemplateOf(db: Kysely<Database>, siteId: string): Promise<string | null> {
  const row = await db
    .selectFrom('sites')
    .select('cms_link_template')
    .where('id', '=', siteId)
    .executeTakeFirst();
  return row?.cms_link_template ?? null;
}

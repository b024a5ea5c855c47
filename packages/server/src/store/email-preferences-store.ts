import type { EmailMode } from '@errata/core';
import type { Kysely, Selectable } from 'kysely';
import type { Database, EmailPreferenceTable } from './schema.ts';

/** One editor's e-mail choice for one site. */
export interface EmailPreference {
  userId: string;
  siteId: string;
  mode: EmailMode;
  /** Instant mode: mail when a spot reaches this many reports (1: every new erratum). */
  instantFrom: number;
}

/** An editor to mail, with their address. */
export interface EmailRecipient extends EmailPreference {
  email: string;
}

function toPreference(row: Selectable<EmailPreferenceTable>): EmailPreference {
  return {
    userId: row.user_id,
    siteId: row.site_id,
    mode: row.mode as EmailMode,
    instantFrom: Number(row.instant_from),
  };
}

export async function findEmailPreference(
  db: Kysely<Database>,
  userId: string,
  siteId: string,
): Promise<EmailPreference | null> {
  const row = await db
    .selectFrom('email_preferences')
    .selectAll()
    .where('user_id', '=', userId)
    .where('site_id', '=', siteId)
    .executeTakeFirst();
  return row ? toPreference(row) : null;
}

/** Saves an editor's choice, with the hash of their (stable) unsubscribe token for this site. */
export async function saveEmailPreference(
  db: Kysely<Database>,
  preference: EmailPreference,
  tokenHash: string,
  now: string,
): Promise<void> {
  await db
    .insertInto('email_preferences')
    .values({
      user_id: preference.userId,
      site_id: preference.siteId,
      mode: preference.mode,
      instant_from: preference.instantFrom,
      unsubscribe_token_hash: tokenHash,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'site_id'])
        .doUpdateSet({ mode: preference.mode, instant_from: preference.instantFrom, updated_at: now }),
    )
    .execute();
}

/** The preference an unsubscribe link stands for, found by its token's hash. */
export async function findPreferenceByTokenHash(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<EmailPreference | null> {
  const row = await db
    .selectFrom('email_preferences')
    .selectAll()
    .where('unsubscribe_token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row ? toPreference(row) : null;
}

/** Turns e-mail off for the editor and site an unsubscribe token stands for; returns whether one matched. */
export async function turnOffByTokenHash(
  db: Kysely<Database>,
  tokenHash: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('email_preferences')
    .set({ mode: 'off', updated_at: now })
    .where('unsubscribe_token_hash', '=', tokenHash)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * The site's editors (role editor or owner, still members) who chose `mode`, with their
 * addresses. A viewer's old choice is ignored: viewers do not triage.
 */
export async function listRecipients(
  db: Kysely<Database>,
  siteIds: readonly string[],
  mode: Exclude<EmailMode, 'off'>,
  userId?: string,
): Promise<EmailRecipient[]> {
  if (siteIds.length === 0) return [];
  let query = db
    .selectFrom('email_preferences as p')
    .innerJoin('members as m', (join) =>
      join.onRef('m.user_id', '=', 'p.user_id').onRef('m.site_id', '=', 'p.site_id'),
    )
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select(['p.user_id', 'p.site_id', 'p.mode', 'p.instant_from', 'u.email'])
    .where('p.site_id', 'in', [...siteIds])
    .where('p.mode', '=', mode)
    .where('m.role', 'in', ['editor', 'owner']);
  if (userId !== undefined) query = query.where('p.user_id', '=', userId);
  const rows = await query.orderBy('p.user_id').execute();
  return rows.map((row) => ({
    userId: row.user_id,
    siteId: row.site_id,
    mode: row.mode as EmailMode,
    instantFrom: Number(row.instant_from),
    email: row.email,
  }));
}

/** Sites where at least one editor chose the digest. */
export async function listDigestSites(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('email_preferences')
    .select('site_id')
    .distinct()
    .where('mode', '=', 'digest')
    .orderBy('site_id')
    .execute();
  return rows.map((r) => r.site_id);
}

import { type Kysely, sql } from 'kysely';

// Undo teaches back (issue 13): a word that rejecting a proofreader erratum taught names that
// erratum (taught_by), so taking the rejection back removes that word and no other; an
// editor's word has none. Words taught before are given the rejected proofreader erratum of
// the same word that stands, where one does (the first decided).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('site_words').addColumn('taught_by', 'text').execute();
  await sql`
    update site_words set taught_by = (
      select e.id from errata e
      where e.site_id = site_words.site_id and e.source = 'proofreader' and e.status = 'rejected'
        and trim(e.quote_exact) = site_words.word
      order by e.status_changed_at, e.id
      limit 1
    )
    where source = 'dismissed'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('site_words').dropColumn('taught_by').execute();
}

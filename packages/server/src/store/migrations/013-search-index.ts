import type { Kysely } from 'kysely';
import { createSearchIndex, dropSearchIndex } from '../search-dialect.ts';

// The inbox's search no longer reads every erratum of a site: a trigram index on search_text
// (pg_trgm's GIN index on PostgreSQL, an FTS5 trigram table kept by triggers on SQLite),
// filled from the errata stored. store/search-dialect.ts holds both, beside the query that
// uses them; a change to the index is a new migration.
export async function up(db: Kysely<unknown>): Promise<void> {
  await createSearchIndex(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropSearchIndex(db);
}

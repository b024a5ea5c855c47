import { type Expression, type Kysely, PostgresAdapter, type SqlBool, sql } from 'kysely';
import type { Database } from './schema.ts';

/**
 * The inbox's full-text search, where SQLite and PostgreSQL differ, in one place: the index
 * (migration 013 makes it) and the condition store/inbox-list.ts puts in its query. Both
 * answer what core's matchesInboxFilter says: the errata whose search_text (normalised texts
 * joined by line breaks, core's searchTextOf) holds the normalised search as it is, anywhere
 * (a word typed partly finds it, a phrase must stand within one text). The index only
 * narrows the rows: each one found is checked with that exact test.
 *
 * PostgreSQL: a GIN trigram index (pg_trgm) on search_text serves `LIKE '%…%'`. The planner
 * picks it when it expects few rows (a rare word, or one nobody wrote: a few rows read, not
 * the site) and otherwise reads the site's own index in the page's order, checking each row,
 * which finds a page of a common word at once; a larger statistics sample of search_text
 * keeps its guess close. pg_trgm takes trigrams from runs of letters
 * and digits; a search without three in a row (`ab`, `%`) gives it none, and a GIN scan of
 * every row would cost more than the site's index: that search is a `strpos`, which no
 * index serves.
 *
 * SQLite: an FTS5 table with the trigram tokenizer over search_text. It holds only the index
 * (external content: the text stays in errata, and FTS5 knows a row by errata's rowid), and
 * triggers keep it in step with errata. A search of three characters or more asks it first
 * for the rows holding it (a phrase of its trigrams), at most PROBE_ROWS of them: those are
 * read by rowid and sorted, about 2 µs each. When more hold it, the word is common enough
 * that reading the site in the page's order finds a page within a few thousand rows, so that
 * is what the query does. A shorter search cannot use trigrams and reads the site likewise.
 * Every row is checked with `instr`, case-sensitive as PostgreSQL's LIKE and JavaScript's
 * `includes` are (SQLite's LIKE folds ASCII case). VACUUM keeps errata's rowids (SQLite does
 * not promise it for a table without an INTEGER PRIMARY KEY, but copies them); should the
 * index ever disagree with errata, `insert into errata_search(errata_search) values
 * ('rebuild')` makes it anew.
 */

/** Characters in a trigram: a shorter search cannot use a trigram index. */
const TRIGRAM = 3;
/** Most errata an SQLite search reads through its index; more, and it reads the site in order. */
const PROBE_ROWS = 10_000;

/** The SQLite index's table (with FTS5's own tables, named after it); PostgreSQL's index has the same name. */
export const SEARCH_INDEX = 'errata_search';

// biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was then, not schema.ts.
type AnyDb = Kysely<any>;

interface SearchDialect {
  /** The condition on `errata` that holds for the errata whose search_text holds `search` (normalised, not empty). */
  condition(db: Kysely<Database>, search: string): Promise<Expression<SqlBool>>;
  /** Makes the index and fills it from the errata stored. */
  createIndex(db: AnyDb): Promise<void>;
  dropIndex(db: AnyDb): Promise<void>;
}

const postgres: SearchDialect = {
  async condition(_db, search) {
    if (!/[\p{L}\p{N}]{3}/u.test(search)) {
      return holdsText(postgres, sql.ref('errata.search_text'), search);
    }
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return sql<SqlBool>`${sql.ref('errata.search_text')} like ${pattern} escape '\\'`;
  },
  async createIndex(db) {
    // pg_trgm ships with PostgreSQL and is trusted: a database owner may create it (13+).
    await sql`create extension if not exists pg_trgm`.execute(db).catch((error: Error) => {
      throw new Error(
        `the inbox's search needs the extension pg_trgm, which this user cannot create (${error.message}): run "create extension pg_trgm" in this database as its owner or a superuser, then start again`,
      );
    });
    await sql`create index ${sql.id(SEARCH_INDEX)} on errata using gin (search_text gin_trgm_ops)`.execute(
      db,
    );
    // The planner guesses how many rows hold a search from a sample of search texts: of the
    // default 100 a rare phrase (1 erratum in 700) was in one or none, so it was taken for 1 %
    // on some days and the site read in order (165 ms for 200,000 errata, not 8). A sample of
    // 1,000 guesses within a few rows; analysing errata then reads up to 300,000 rows.
    await sql`alter table errata alter column search_text set statistics 1000`.execute(db);
    await sql`analyze errata`.execute(db);
  },
  async dropIndex(db) {
    // The extension stays: dropping it would take whatever else uses it along.
    await sql`drop index if exists ${sql.id(SEARCH_INDEX)}`.execute(db);
    await sql`alter table errata alter column search_text set statistics -1`.execute(db);
  },
};

const sqlite: SearchDialect = {
  async condition(db, search) {
    const holds = holdsText(sqlite, sql.ref('errata.search_text'), search);
    if ([...search].length < TRIGRAM) return holds;
    // A phrase: its trigrams one after another. Inside quotes only a quote is special.
    const phrase = `"${search.replaceAll('"', '""')}"`;
    const { rows } = await sql<{ rowid: number }>`
      select rowid from ${sql.id(SEARCH_INDEX)} where ${sql.id(SEARCH_INDEX)} match ${phrase}
      limit ${PROBE_ROWS + 1}`.execute(db);
    if (rows.length > PROBE_ROWS) return holds;
    const rowids = JSON.stringify(rows.map((row) => row.rowid));
    return sql<SqlBool>`${sql.ref('errata.rowid')} in (select value from json_each(${rowids})) and ${holds}`;
  },
  async createIndex(db) {
    const index = sql.id(SEARCH_INDEX);
    // case_sensitive: the index finds what instr finds, not more.
    await sql`create virtual table ${index} using fts5(search_text, content='errata', content_rowid='rowid', tokenize='trigram case_sensitive 1')`.execute(
      db,
    );
    // An external-content index is told what it held when a row goes: the old text, exactly.
    await sql`create trigger errata_search_insert after insert on errata begin
      insert into ${index}(rowid, search_text) values (new.rowid, new.search_text);
    end`.execute(db);
    await sql`create trigger errata_search_delete after delete on errata begin
      insert into ${index}(${index}, rowid, search_text) values ('delete', old.rowid, old.search_text);
    end`.execute(db);
    // Most reports add no new text: the upsert sets search_text to what it was.
    await sql`create trigger errata_search_update after update of search_text on errata
      when old.search_text is not new.search_text begin
      insert into ${index}(${index}, rowid, search_text) values ('delete', old.rowid, old.search_text);
      insert into ${index}(rowid, search_text) values (new.rowid, new.search_text);
    end`.execute(db);
    await sql`insert into ${index}(${index}) values ('rebuild')`.execute(db);
  },
  async dropIndex(db) {
    for (const trigger of ['errata_search_update', 'errata_search_delete', 'errata_search_insert']) {
      await sql`drop trigger if exists ${sql.id(trigger)}`.execute(db);
    }
    await sql`drop table if exists ${sql.id(SEARCH_INDEX)}`.execute(db);
  },
};

/**
 * Whether `text` holds `part` anywhere, exactly (case and all): strpos on PostgreSQL, instr on
 * SQLite. LIKE is neither (SQLite's folds ASCII case, PostgreSQL's treats a backslash as an escape).
 */
export function textHolds(
  db: Kysely<Database>,
  text: Expression<string> | string,
  part: Expression<string> | string,
): Expression<SqlBool> {
  return holdsText(dialectOf(db), text, part);
}

function holdsText(
  dialect: SearchDialect,
  text: Expression<string> | string,
  part: Expression<string> | string,
): Expression<SqlBool> {
  return dialect === postgres
    ? sql<SqlBool>`strpos(${text}, ${part}) > 0`
    : sql<SqlBool>`instr(${text}, ${part}) > 0`;
}

function dialectOf(db: AnyDb): SearchDialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? postgres : sqlite;
}

/** The condition listInbox adds for a search: see above. */
export function searchCondition(db: Kysely<Database>, search: string): Promise<Expression<SqlBool>> {
  return dialectOf(db).condition(db, search);
}

/** Migration 013's up: the index, filled from the errata stored. */
export function createSearchIndex(db: Kysely<unknown>): Promise<void> {
  return dialectOf(db).createIndex(db);
}

/** Migration 013's down. */
export function dropSearchIndex(db: Kysely<unknown>): Promise<void> {
  return dialectOf(db).dropIndex(db);
}

/** Whether a table is the SQLite search index or one of FTS5's tables behind it (not data to copy). */
export function isSearchIndexTable(name: string): boolean {
  return name === SEARCH_INDEX || name.startsWith(`${SEARCH_INDEX}_`);
}

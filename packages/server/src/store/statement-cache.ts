import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Most prepared statements kept: a batch's multi-row statements differ by row count, so each size is one. */
const STATEMENTS_KEPT = 1_000;

/**
 * A better-sqlite3 database as Kysely's SQLite dialect sees it, with each statement prepared
 * once and reused: Kysely prepares the SQL of every query it runs, and for a report batch's
 * long statements preparing cost as much as running (7 % of the ingest's CPU in a profile).
 * Kysely runs one query at a time on its one SQLite connection (a stream holds it until it
 * ends), so a statement is never run twice at once. SQLite prepares a statement again by
 * itself when the schema changed under it (a migration).
 */
export function withStatementCache(database: SqliteDatabase): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement) {
        // Most recently used last: the first key is the one to drop.
        statements.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (statements.size >= STATEMENTS_KEPT) statements.delete(statements.keys().next().value as string);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}

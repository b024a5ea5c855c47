import type SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver, type QueryResult, SqliteDialect } from 'kysely';

/**
 * Most characters of SQL kept prepared, most recently used last. A batch's statements differ
 * only in their number of rows, and a prepared statement's memory grows with its text, so the
 * bound is on the text. Grouping reports ran ~9 % faster with it (bench/README.md).
 */
export const PREPARED_SQL_MAX_CHARS = 500_000;

/** How the driver runs: over one better-sqlite3 connection. */
export interface SqliteDriverOptions {
  database: SqliteDatabase.Database;
  /** Most characters of SQL kept prepared; default PREPARED_SQL_MAX_CHARS. */
  preparedSqlMaxChars?: number;
}

/**
 * Kysely's SQLite dialect with a driver that prepares each statement once and reuses it.
 * Kysely's own prepares every statement each time it runs: under a report flood that was a
 * tenth of the server's time, most of it for the same few batch statements.
 */
export class PreparedSqliteDialect extends SqliteDialect {
  private readonly driverOptions: SqliteDriverOptions;

  constructor(options: SqliteDriverOptions) {
    super({ database: options.database });
    this.driverOptions = options;
  }

  override createDriver(): Driver {
    return new PreparedSqliteDriver(this.driverOptions);
  }
}

class PreparedSqliteDriver implements Driver {
  private readonly connection: PreparingConnection;
  private readonly turns = new Turns();

  constructor(private readonly options: SqliteDriverOptions) {
    this.connection = new PreparingConnection(
      options.database,
      options.preparedSqlMaxChars ?? PREPARED_SQL_MAX_CHARS,
    );
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.turns.take();
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    this.turns.give();
  }

  async destroy(): Promise<void> {
    this.options.database.close();
  }
}

/** One connection's statements, prepared once and reused. */
class PreparingConnection implements DatabaseConnection {
  private readonly statements = new Map<string, SqliteDatabase.Statement>();
  private preparedChars = 0;

  constructor(
    private readonly db: SqliteDatabase.Database,
    private readonly maxChars: number,
  ) {}

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.prepared(compiled.sql);
    const parameters = compiled.parameters as unknown[];
    if (statement.reader) return Promise.resolve({ rows: statement.all(parameters) as R[] });
    const { changes, lastInsertRowid } = statement.run(parameters);
    return Promise.resolve({ numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] });
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const statement = this.prepared(compiled.sql);
    if (!statement.reader) throw new Error('only a query that returns rows can be streamed');
    for (const row of statement.iterate(compiled.parameters as unknown[])) yield { rows: [row as R] };
  }

  private prepared(sql: string): SqliteDatabase.Statement {
    const kept = this.statements.get(sql);
    if (kept) {
      this.statements.delete(sql);
      this.statements.set(sql, kept);
      return kept;
    }
    const statement = this.db.prepare(sql);
    this.statements.set(sql, statement);
    this.preparedChars += sql.length;
    for (const oldest of this.statements.keys()) {
      if (this.preparedChars <= this.maxChars || oldest === sql) break;
      this.statements.delete(oldest);
      this.preparedChars -= oldest.length;
    }
    return statement;
  }
}

/** The single connection's turns: one caller at a time, in the order they asked. */
class Turns {
  private busy = false;
  private readonly waiting: (() => void)[] = [];

  take(): Promise<void> {
    if (!this.busy) {
      this.busy = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy = false;
  }
}

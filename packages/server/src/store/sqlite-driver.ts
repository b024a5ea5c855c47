import { setTimeout as sleep } from 'node:timers/promises';
import type SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver, type QueryResult, SqliteDialect } from 'kysely';

/**
 * Most characters of SQL kept prepared, most recently used last. A batch's statements differ
 * only in their number of rows, and a prepared statement's memory grows with its text, so the
 * bound is on the text. Grouping reports ran ~9 % faster with it (bench/README.md).
 */
export const PREPARED_SQL_MAX_CHARS = 500_000;

/** How long a statement or transaction waits for another connection's write to end before it fails. */
export const BUSY_WAIT_MS = 5_000;
/** The longest pause between two looks at a lock another connection holds. */
const BUSY_PAUSE_MAX_MS = 8;

/** How the driver runs: over one better-sqlite3 connection. */
export interface SqliteDriverOptions {
  database: SqliteDatabase.Database;
  /** Most characters of SQL kept prepared; default PREPARED_SQL_MAX_CHARS. */
  preparedSqlMaxChars?: number;
  /**
   * Transactions take the write lock as they begin (BEGIN IMMEDIATE), the default: one that
   * read first could not write once another connection had committed meanwhile. False for a
   * connection that writes one file and reads others attached to it, which IMMEDIATE would lock too.
   */
  beginImmediately?: boolean;
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
  private readonly begin: CompiledQuery;

  constructor(private readonly options: SqliteDriverOptions) {
    this.connection = new PreparingConnection(
      options.database,
      options.preparedSqlMaxChars ?? PREPARED_SQL_MAX_CHARS,
    );
    this.begin = CompiledQuery.raw(options.beginImmediately === false ? 'begin' : 'begin immediate');
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.turns.take();
    return this.connection;
  }

  async beginTransaction(): Promise<void> {
    await this.connection.executeQuery(this.begin);
    this.connection.inTransaction = true;
  }

  async commitTransaction(): Promise<void> {
    await this.connection.executeQuery(CompiledQuery.raw('commit'));
    this.connection.inTransaction = false;
  }

  async rollbackTransaction(): Promise<void> {
    this.connection.inTransaction = false;
    await this.connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    this.turns.give();
  }

  async destroy(): Promise<void> {
    this.options.database.close();
  }
}

/**
 * One connection's statements, prepared once and reused. Outside a transaction a statement
 * (BEGIN among them) that meets another connection's write lock is tried again after a pause,
 * up to BUSY_WAIT_MS: SQLite's own busy_timeout would wait inside the call, holding up every
 * request this thread serves (the server's grouping thread writes the same file).
 */
class PreparingConnection implements DatabaseConnection {
  private readonly statements = new Map<string, SqliteDatabase.Statement>();
  private preparedChars = 0;
  inTransaction = false;

  constructor(
    private readonly db: SqliteDatabase.Database,
    private readonly maxChars: number,
  ) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.prepared(compiled.sql);
    const parameters = compiled.parameters as unknown[];
    const run = (): QueryResult<R> => {
      if (statement.reader) return { rows: statement.all(parameters) as R[] };
      const { changes, lastInsertRowid } = statement.run(parameters);
      return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
    };
    if (this.inTransaction) return run();
    const until = Date.now() + BUSY_WAIT_MS;
    for (let pause = 1; ; pause = Math.min(pause * 2, BUSY_PAUSE_MAX_MS)) {
      try {
        return run();
      } catch (error) {
        if (!isBusy(error) || Date.now() >= until) throw error;
      }
      await sleep(pause);
    }
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

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
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

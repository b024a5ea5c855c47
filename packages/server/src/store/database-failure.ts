/**
 * The database failing under the server (SQLite: a full disk, a file made read-only, an I/O
 * error; PostgreSQL: the connection cut, the server shutting down or full): such an error means
 * "not now", not "never". Requests meeting it are answered 503 with Retry-After (the widget
 * queues the report and sends it again), /readyz says why, and the server goes on by itself
 * once a write succeeds again: no restart.
 */

/** SQLite result codes (better-sqlite3's error.code, extended codes included) and what they mean for a person. */
const SQLITE_FAILURES: readonly [prefix: string, reason: string][] = [
  ['SQLITE_FULL', 'the disk is full'],
  ['SQLITE_READONLY', 'the database file is read-only'],
  ['SQLITE_IOERR', 'the disk fails to read or write'],
  ['SQLITE_CANTOPEN', 'the database file cannot be opened'],
  ['SQLITE_BUSY', 'the database file is locked by another program'],
  ['SQLITE_PROTOCOL', 'the database file is locked by another program'],
];

/** Node's network errors on a PostgreSQL connection. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** node-postgres's own messages for a connection that is gone or never came. */
const PG_CONNECTION_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection ended unexpectedly',
];

/**
 * Why an error means the database cannot serve right now, for a person ("the disk is full"),
 * or null for any other error (a bug, a constraint: those are not retried).
 */
export function databaseFailureOf(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const code = typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : '';
  const message = error instanceof Error ? error.message : '';
  for (const [prefix, reason] of SQLITE_FAILURES) if (code.startsWith(prefix)) return reason;
  if (NETWORK_CODES.has(code)) return 'the connection to PostgreSQL is lost';
  // PostgreSQL SQLSTATE: 08 connection exceptions, 57P0x shutting down or starting, 53 out of resources.
  if (/^08[0-9A-Z]{3}$/.test(code)) return 'the connection to PostgreSQL is lost';
  if (code === '57P01' || code === '57P02' || code === '57P03')
    return 'PostgreSQL is shutting down or starting';
  if (code === '53100') return "PostgreSQL's disk is full";
  if (/^53[0-9A-Z]{3}$/.test(code)) return 'PostgreSQL is out of resources';
  if (PG_CONNECTION_MESSAGES.some((text) => message.includes(text)))
    return 'the connection to PostgreSQL is lost';
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error ? databaseFailureOf(cause) : null;
}

/** The database's trouble as this instance last met it, until a write succeeds again. */
export class DatabaseHealth {
  private current: { reason: string; since: string } | null = null;

  /** A write (or read) failed for a reason databaseFailureOf names. */
  failed(reason: string, at = new Date()): void {
    if (this.current?.reason !== reason) this.current = { reason, since: at.toISOString() };
  }

  /** A write went through: whatever was wrong is over. */
  succeeded(): void {
    this.current = null;
  }

  /** What is wrong since when, or null when the last write went through. */
  trouble(): { reason: string; since: string } | null {
    return this.current;
  }
}

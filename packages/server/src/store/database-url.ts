import { resolve } from 'node:path';

/** Where the data lives, parsed from ERRATA_DATABASE_URL. */
export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/**
 * Parses a database URL: `sqlite:<path>` (relative paths from the working directory,
 * `sqlite::memory:` for a throw-away database) or `postgres://…`. Throws a one-line message
 * a person understands for anything else.
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path.length === 0)
      throw new Error(`ERRATA_DATABASE_URL "${url}" names no file: use sqlite:./data/errata.db`);
    return { kind: 'sqlite', file: path === ':memory:' ? path : resolve(path) };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return { kind: 'postgres', url };
  throw new Error(
    `ERRATA_DATABASE_URL "${url}" is not a database URL: use sqlite:<file> or postgres://user@host/db`,
  );
}

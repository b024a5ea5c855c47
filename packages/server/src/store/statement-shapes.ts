import { CompiledQuery, type Kysely, type SelectQueryBuilder } from 'kysely';
import { isPostgres } from './row-locks.ts';
import type { Database } from './schema.ts';

/**
 * Most rows of one insert on SQLite. A batch's inserts are split into chunks of this many and
 * then of the powers of two below it (250 rows: 64, 64, 64, 32, 16, 8, 2), so each table's
 * insert has one of seven shapes, each prepared once and reused (sqlite-driver.ts). One
 * statement per batch had a new shape for nearly every batch size: under a flood of reports
 * the grouping thread spent ~5 % of its time preparing them, and its prepared statements (one
 * per size seen, the largest hundreds of kilobytes each) held tens of megabytes.
 */
const ROWS_PER_SQLITE_INSERT = 64;
/** Most rows of one insert on PostgreSQL, which prepares nothing across statements: a batch in one round trip. */
const ROWS_PER_POSTGRES_INSERT = 500;

/** Rows in the chunks one insert statement each takes (see ROWS_PER_SQLITE_INSERT), in their order. */
export function insertChunks<T>(db: Kysely<Database>, rows: readonly T[]): T[][] {
  const chunks: T[][] = [];
  if (isPostgres(db)) {
    for (let start = 0; start < rows.length; start += ROWS_PER_POSTGRES_INSERT)
      chunks.push(rows.slice(start, start + ROWS_PER_POSTGRES_INSERT));
    return chunks;
  }
  let start = 0;
  for (; rows.length - start >= ROWS_PER_SQLITE_INSERT; start += ROWS_PER_SQLITE_INSERT)
    chunks.push(rows.slice(start, start + ROWS_PER_SQLITE_INSERT));
  for (let size = ROWS_PER_SQLITE_INSERT / 2; size >= 1; size /= 2) {
    if (rows.length - start < size) continue;
    chunks.push(rows.slice(start, start + size));
    start += size;
  }
  return chunks;
}

/**
 * Items in chunks of `most` (a power of two), the last filled up to a power of two with
 * `filler`: a batch's look-up then has one of a few shapes, each prepared once and reused,
 * instead of a new one per batch size. Preparing the errata look-up anew each batch took a
 * third of its time.
 */
export function inFixedShapes<T>(items: readonly T[], filler: T, most: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += most) {
    const chunk = items.slice(start, start + most);
    while (chunk.length < powerOfTwoFrom(chunk.length)) chunk.push(filler);
    chunks.push(chunk);
  }
  return chunks;
}

/**
 * The values of an `in (…)` list, the last repeated up to a power of two: the same rows match,
 * and the statement has one of a few shapes (see inFixedShapes).
 */
export function inListOfShape<T>(values: readonly T[]): T[] {
  const list = [...values];
  const last = list.at(-1);
  if (last === undefined) return list;
  while (list.length < powerOfTwoFrom(list.length)) list.push(last);
  return list;
}

function powerOfTwoFrom(n: number): number {
  let shape = 1;
  while (shape < n) shape *= 2;
  return shape;
}

/** One kind of branch of a UNION ALL look-up: how it is built, and its parameters in the order the built SQL takes them. */
export interface UnionBranch<T> {
  name: string;
  build(db: Kysely<Database>, item: T): UnionableQuery;
  parametersOf(item: T): unknown[];
  /** An item that matches nothing: what fills a shape on SQLite. */
  filler: T;
}

// biome-ignore lint/suspicious/noExplicitAny: any select of the database can be a branch.
type UnionableQuery = SelectQueryBuilder<Database, any, any>;

/** The SQL of each look-up's shape (kind, branches, database), built once. */
const sqlOfShape = new Map<string, string>();

/**
 * The rows a branch per item finds, the branches of each chunk of `most` joined by UNION ALL
 * into one statement. A batch spans hundreds of pages and a query each would cost a round trip
 * each on PostgreSQL, while one WHERE of ORs lets the planner read a whole site when its
 * statistics are stale (a site that grew fast). A shape's SQL is built once and then run with
 * each batch's values: building hundreds of branches anew was 7 % of the server's time under a
 * flood of reports. On SQLite the chunks are filled up to a power of two (inFixedShapes), so
 * that few shapes are prepared; PostgreSQL plans every statement anyway, and fillers would add
 * to its planning.
 */
export async function unionAllInShapes<T, R>(
  db: Kysely<Database>,
  branch: UnionBranch<T>,
  items: readonly T[],
  most: number,
): Promise<R[]> {
  const postgres = isPostgres(db);
  const chunks = postgres
    ? Array.from({ length: Math.ceil(items.length / most) }, (_, n) => items.slice(n * most, (n + 1) * most))
    : inFixedShapes(items, branch.filler, most);
  const found: R[] = [];
  for (const chunk of chunks) {
    const parameters = chunk.flatMap((item) => branch.parametersOf(item));
    const shape = `${branch.name} ${chunk.length} ${postgres ? 'postgres' : 'sqlite'}`;
    let text = sqlOfShape.get(shape);
    if (text === undefined) {
      const [first, ...rest] = chunk.map((item) => branch.build(db, item));
      const compiled = rest.reduce((query, next) => query.unionAll(next), first as UnionableQuery).compile();
      if (!sameValues(compiled.parameters, parameters))
        throw new Error(`the ${branch.name} look-up's parameters are not in the order its SQL takes them`);
      text = compiled.sql;
      sqlOfShape.set(shape, text);
    }
    const { rows } = await db.executeQuery<R>(CompiledQuery.raw(text, parameters));
    found.push(...rows);
  }
  return found;
}

function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

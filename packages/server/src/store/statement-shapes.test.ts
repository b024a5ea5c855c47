import fc from 'fast-check';
import { Kysely, PostgresDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from './open-store.ts';
import type { Database } from './schema.ts';
import { inListOfShape, insertChunks } from './statement-shapes.ts';

const sqlite = openStore('sqlite::memory:');
// Only its dialect is asked for: no connection is made.
const postgres = new Kysely<Database>({ dialect: new PostgresDialect({ pool: {} as never }) });
afterAll(async () => {
  await sqlite.close();
});

describe('statement shapes', () => {
  it('should split a batch into inserts of a few sizes on SQLite, every row once and in order', () => {
    const sizes = new Set<number>();
    fc.assert(
      fc.property(fc.nat({ max: 1_000 }), (length) => {
        const rows = Array.from({ length }, (_, n) => n);
        const chunks = insertChunks(sqlite.db, rows);
        expect(chunks.flat()).toEqual(rows);
        for (const chunk of chunks) sizes.add(chunk.length);
        // Whole chunks of the largest size first, then at most one of each smaller power of two.
        const smaller = chunks.map((c) => c.length).filter((n) => n < 64);
        expect(new Set(smaller).size).toBe(smaller.length);
      }),
    );
    expect([...sizes].sort((a, b) => a - b)).toEqual([1, 2, 4, 8, 16, 32, 64]);
  });

  it('should keep a PostgreSQL batch in one insert up to its bound', () => {
    const rows = Array.from({ length: 1_100 }, (_, n) => n);
    expect(insertChunks(postgres, rows.slice(0, 250)).map((c) => c.length)).toEqual([250]);
    expect(insertChunks(postgres, rows).map((c) => c.length)).toEqual([500, 500, 100]);
  });

  it('should fill an in-list up to a power of two with a value it holds', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 300 }), (values) => {
        const list = inListOfShape(values);
        expect(list.length & (list.length - 1)).toBe(0);
        expect(list.length).toBeLessThan(Math.max(2, 2 * values.length));
        expect(new Set(list)).toEqual(new Set(values));
      }),
    );
    expect(inListOfShape([])).toEqual([]);
  });
});

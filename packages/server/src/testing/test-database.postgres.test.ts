/** The PostgreSQL helpers the bench reads a run's database with. */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  analyzePostgres,
  createTestDatabase,
  postgresHousekeeping,
  type TestDatabase,
} from './test-database.ts';

let database: TestDatabase;
let client: pg.Client;
beforeEach(async () => {
  database = await createTestDatabase('postgres');
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});
afterEach(async () => {
  await client.end();
  await database.drop();
});

describe('postgresHousekeeping', () => {
  it('should count the dead rows a run left in each table, and say how the server vacuums', async () => {
    await client.query('create table churned (id int primary key)');
    await client.query('create table kept (id int primary key)');
    await client.query('insert into churned select generate_series(1, 10)');
    await client.query('insert into kept select generate_series(1, 10)');
    // As the intake: rows written, then deleted once grouped.
    await client.query('delete from churned where id <= 4');
    // This connection's counts reach the statistics when its next statement ends.
    await client.query('select pg_stat_force_next_flush()');
    await client.query('select 1');

    const housekeeping = await postgresHousekeeping(database.url, ['churned', 'kept', 'missing']);
    expect(housekeeping.tables).toEqual([
      { table: 'churned', dead: 4 },
      { table: 'kept', dead: 0 },
      { table: 'missing', dead: 0 },
    ]);
    expect(['on', 'off']).toContain(housekeeping.autovacuum);
    expect(housekeeping.sharedBuffers).toMatch(/^\d+(kB|MB|GB)$/);
  });
});

describe('analyzePostgres', () => {
  it('should give the planner the rows a table holds now, as autovacuum would', async () => {
    await client.query('create table grown (id int primary key)');
    await client.query('insert into grown select generate_series(1, 1000)');
    const rowsKnown = async () =>
      Number(
        (await client.query("select reltuples from pg_class where relname = 'grown'")).rows[0]?.reltuples,
      );
    // Never analyzed: the planner does not know.
    expect(await rowsKnown()).toBe(-1);
    await analyzePostgres(database.url);
    expect(await rowsKnown()).toBe(1000);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { priorityOf } from '@errata/core';
import { type Kysely, type Migration, Migrator } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { migrateToLatest } from '../migrator.ts';
import { openStore, type Store } from '../open-store.ts';
import * as initial from './001-initial.ts';
import * as reportClientId from './002-report-client-id.ts';
import * as errataByPage from './003-errata-by-page.ts';
import * as errataBySiteId from './004-errata-by-site-id.ts';

let dir = '';
let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('should give errata stored before it their priority and search text', async () => {
  dir = mkdtempSync(join(tmpdir(), 'errata-migration-'));
  store = openStore(`sqlite:${join(dir, 'errata.db')}`);
  const before: Record<string, Migration> = {
    '001-initial': initial,
    '002-report-client-id': reportClientId,
    '003-errata-by-page': errataByPage,
    '004-errata-by-site-id': errataBySiteId,
  };
  await new Migrator({ db: store.db, provider: { getMigrations: async () => before } }).migrateToLatest();
  // biome-ignore lint/suspicious/noExplicitAny: the schema as it was before migration 005.
  const old = store.db as Kysely<any>;
  await old
    .insertInto('sites')
    .values({
      id: 's',
      name: 'S',
      public_key: 'k',
      allowed_origins: '[]',
      root_selector: null,
      created_at: 'x',
    })
    .execute();
  const at = '2026-11-01T12:00:00.000Z';
  await old
    .insertInto('errata')
    .values({
      id: 'e1',
      site_id: 's',
      fingerprint: 'f',
      url: 'https://n.example/a',
      title: null,
      lang: null,
      quote_exact: 'Roterdam',
      quote_prefix: '',
      quote_suffix: '',
      position_start: 0,
      position_end: 8,
      status: 'open',
      report_count: 2,
      first_reported_at: at,
      last_reported_at: at,
      status_changed_at: null,
      status_changed_by: null,
    })
    .execute();
  for (const [id, suggestion, comment] of [
    ['r1', 'Rotterdam', null],
    ['r2', null, 'The Dutch  CITY'],
  ]) {
    await old
      .insertInto('reports')
      .values({
        id,
        erratum_id: 'e1',
        site_id: 's',
        url: 'https://n.example/a',
        title: null,
        lang: null,
        quote_exact: 'Roterdam',
        quote_prefix: '',
        quote_suffix: '',
        position_start: 0,
        position_end: 8,
        suggestion,
        suggestion_key: suggestion?.toLowerCase() ?? null,
        comment,
        ip_hash: 'h',
        created_at: at,
        ordinal: 1,
      })
      .execute();
  }

  await migrateToLatest(store.db);

  const erratum = await store.db
    .selectFrom('errata')
    .select(['priority', 'search_text', 'kind', 'source', 'desk', 'assignee_id'])
    .executeTakeFirstOrThrow();
  expect(erratum).toEqual({
    priority: priorityOf(2, at),
    search_text: 'roterdam\nrotterdam\nthe dutch city',
    kind: 'typo',
    source: 'reader',
    desk: null,
    assignee_id: null,
  });
  const report = await store.db.selectFrom('reports').select('kind').executeTakeFirstOrThrow();
  expect(report.kind).toBe('typo');
});

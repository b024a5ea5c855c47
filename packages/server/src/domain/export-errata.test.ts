import type { Erratum, ErratumStatus } from '@errata/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../store/open-store.ts';
import { addSite, openTestStore } from '../testing/test-app.ts';
import { ErrataError } from './errors.ts';
import { type ExportFormat, exportFileName, exportText, openErrataExport } from './export-errata.ts';
import { addUser } from './users.ts';

let store: Store;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ store, cleanup } = await openTestStore());
});
afterEach(async () => cleanup());

const demoToken = { kind: 'token', siteId: 'demo' } as const;

async function insertErratum(id: string, options: { site?: string; status?: ErratumStatus } = {}) {
  const at = '2025-05-01T09:00:00.000Z';
  await store.db
    .insertInto('errata')
    .values({
      id,
      site_id: options.site ?? 'demo',
      fingerprint: `spot-${id}`,
      url: 'https://news.example.org/a',
      title: null,
      lang: 'en',
      quote_exact: id,
      quote_prefix: '',
      quote_suffix: '',
      position_start: 0,
      position_end: id.length,
      status: options.status ?? 'open',
      report_count: 0,
      first_reported_at: at,
      last_reported_at: at,
      status_changed_at: null,
      status_changed_by: null,
    })
    .execute();
}

async function insertComment(erratumId: string, n: number) {
  await store.db
    .insertInto('reports')
    .values({
      id: `${erratumId}-report-${n}`,
      erratum_id: erratumId,
      site_id: 'demo',
      url: 'https://news.example.org/a',
      title: null,
      lang: null,
      quote_exact: erratumId,
      quote_prefix: '',
      quote_suffix: '',
      position_start: 0,
      position_end: 1,
      suggestion: null,
      suggestion_key: null,
      comment: `comment ${n}`,
      ip_hash: 'hash',
      created_at: `2025-05-01T09:00:0${n}.000Z`,
      client_id: null,
      ordinal: n + 1,
    })
    .execute();
}

/** Everything an async iterable gives (Array.fromAsync needs Node 22). */
async function all<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

async function collect(pages: AsyncIterable<Erratum[]>): Promise<string[][]> {
  return (await all(pages)).map((page) => page.map((e) => e.id));
}

describe('openErrataExport', () => {
  it('should read every erratum of the site once, oldest id first, a page at a time', async () => {
    await addSite(store, 'other', 'https://other.example');
    for (const id of ['e5', 'e2', 'e4', 'e1', 'e3']) await insertErratum(id);
    await insertErratum('x1', { site: 'other' });
    const exported = await openErrataExport(store, demoToken, { site: 'demo' }, 2);
    expect(exported).toMatchObject({ site: { id: 'demo' }, status: null });
    expect(await collect(exported.pages)).toEqual([['e1', 'e2'], ['e3', 'e4'], ['e5']]);
  });

  it('should stop after a full last page without an empty one', async () => {
    for (const id of ['e1', 'e2', 'e3', 'e4']) await insertErratum(id);
    const exported = await openErrataExport(store, demoToken, { site: 'demo' }, 2);
    expect(await collect(exported.pages)).toEqual([
      ['e1', 'e2'],
      ['e3', 'e4'],
    ]);
  });

  it('should list an erratum that gets a new report during the export exactly once', async () => {
    for (const id of ['e1', 'e2', 'e3']) await insertErratum(id);
    const exported = await openErrataExport(store, demoToken, { site: 'demo' }, 1);
    const seen: string[] = [];
    for await (const page of exported.pages) {
      seen.push(...page.map((e) => e.id));
      // The inbox's order would move e1 behind the cursor; the export's order does not move.
      await store.db
        .updateTable('errata')
        .set({ last_reported_at: new Date().toISOString() })
        .where('id', '=', 'e1')
        .execute();
    }
    expect(seen).toEqual(['e1', 'e2', 'e3']);
  });

  it('should keep to one status when asked', async () => {
    await insertErratum('e1', { status: 'fixed' });
    await insertErratum('e2');
    await insertErratum('e3', { status: 'fixed' });
    const exported = await openErrataExport(store, demoToken, { site: 'demo', status: 'fixed' });
    expect(await collect(exported.pages)).toEqual([['e1', 'e3']]);
  });

  it('should carry every comment of an erratum, not only the few the inbox shows', async () => {
    await insertErratum('e1');
    for (let n = 0; n < 8; n++) await insertComment('e1', n);
    const exported = await openErrataExport(store, demoToken, { site: 'demo' });
    const [[erratum]] = (await all(exported.pages)) as [[Erratum]];
    expect(erratum.comments).toHaveLength(8);
    expect(erratum.comments[0]).toBe('comment 7');
  });

  it('should refuse another site’s token and a non-member as "not found", before reading anything', async () => {
    await addSite(store, 'other', 'https://other.example');
    const { userId } = await addUser(store, {
      email: 'other@example.org',
      password: 'correct horse battery',
      role: 'editor',
      sites: ['other'],
    });
    for (const principal of [
      { kind: 'token', siteId: 'other' } as const,
      { kind: 'user', userId } as const,
    ]) {
      const refusal = openErrataExport(store, principal, { site: 'demo' });
      await expect(refusal).rejects.toThrow(ErrataError);
      await expect(refusal).rejects.toMatchObject({ kind: 'not_found' });
    }
  });
});

describe('exportText', () => {
  const format: ExportFormat = {
    contentType: 'text/plain',
    extension: 'txt',
    start: () => '[',
    erratum: (erratum, index) => `${index}:${erratum.id};`,
    end: (count) => `]${count}`,
  };

  it('should write the start, each erratum with its index across pages, and the end with the count', async () => {
    async function* pages() {
      yield [{ id: 'a' }, { id: 'b' }] as Erratum[];
      yield [{ id: 'c' }] as Erratum[];
    }
    expect((await all(exportText(pages(), format))).join('')).toBe('[0:a;1:b;2:c;]3');
  });
});

describe('exportFileName', () => {
  it('should name the file after the site, the status and the day', () => {
    const heading = {
      site: { id: 'demo', name: 'Demo' },
      status: null,
      exportedAt: '2025-05-03T08:00:00.000Z',
    };
    expect(exportFileName(heading, 'csv')).toBe('errata-demo-2025-05-03.csv');
    expect(exportFileName({ ...heading, status: 'open' }, 'jsonld')).toBe(
      'errata-demo-open-2025-05-03.jsonld',
    );
  });

  it('should keep only characters that need no quoting in a header', () => {
    const heading = {
      site: { id: 'a"b/c d', name: '' },
      status: null,
      exportedAt: '2025-05-03T08:00:00.000Z',
    };
    expect(exportFileName(heading, 'csv')).toBe('errata-a_b_c_d-2025-05-03.csv');
  });
});

import type { ReportInput } from '@errata/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimReaderContact } from '../store/reader-contacts-store.ts';
import { demoReport, openTestApp, signedInEditor, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await openTestApp();
  await t.store.db.updateTable('sites').set({ reader_email: 1 }).where('id', '=', 'demo').execute();
});
afterEach(async () => t.close());

type Member = { cookie: string; csrf: string };

const owner = () =>
  signedInEditor(t.app, t.store, { email: 'owner@example.org', role: 'owner', sites: ['demo'] });

async function report(overrides: Partial<ReportInput>) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/reports?wait=erratum',
    payload: demoReport(overrides),
  });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; erratum: { id: string } };
}

const call = (member: Member, action: 'export' | 'erase', email: string, site = 'demo') =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/sites/${site}/reader-data/${action}`,
    headers: { cookie: member.cookie, 'x-csrf-token': member.csrf },
    payload: { email },
  });

describe("an owner's export of a reader's data", () => {
  it('should return the reports the reader left their address with, in their words, and the stored address', async () => {
    const first = await report({
      email: 'Ana@Example.org',
      suggestion: 'Rotterdam',
      comment: 'A typo, surely',
    });
    const second = await report({
      email: 'ana@example.org',
      quote: { exact: 'Minks', prefix: 'the road to ', suffix: ' was closed' },
      position: { start: 900, end: 905 },
      suggestion: 'Minsk',
    });
    await report({ email: 'someone-else@example.org', comment: 'not hers' });
    await report({ comment: 'no address at all' });

    const response = await call(await owner(), 'export', ' ANA@example.org ');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const data = response.json();
    expect(data.reports).toEqual([
      expect.objectContaining({
        id: first.id,
        url: 'http://localhost/demo/articles/harbour-bridge.html',
        quote: { exact: 'Roterdam', prefix: 'engineers from ', suffix: ' will inspect the' },
        suggestion: 'Rotterdam',
        comment: 'A typo, surely',
        erratumStatus: 'open',
      }),
      expect.objectContaining({ id: second.id, suggestion: 'Minsk', comment: null }),
    ]);
    expect(data.contacts.map((c: { email: string; reportId: string }) => [c.email, c.reportId])).toEqual([
      ['Ana@Example.org', first.id],
      ['ana@example.org', second.id],
    ]);
    expect(JSON.stringify(data)).not.toContain('not hers');
  });
});

describe("an owner's erasure of a reader's data", () => {
  it('should delete every copy of the address, blank the words of those reports, and leave a second export empty', async () => {
    const theirs = await report({
      email: 'ana@example.org',
      suggestion: 'Rotterdam!',
      comment: 'my private remark',
    });
    const other = await report({ email: 'ben@example.org', comment: 'his remark' });
    const chief = await owner();

    const erased = await call(chief, 'erase', 'ANA@example.org');
    expect(erased.statusCode).toBe(200);
    expect(erased.json()).toMatchObject({
      site: 'demo',
      contactsDeleted: 1,
      reportsBlanked: 1,
      eventsBlanked: 1,
    });
    expect(erased.json().summary).toContain('Erased 1 stored copy of the address');

    expect((await call(chief, 'export', 'ana@example.org')).json()).toMatchObject({
      reports: [],
      contacts: [],
    });
    const row = await t.store.db
      .selectFrom('reports')
      .select(['suggestion', 'comment', 'ip_hash'])
      .where('id', '=', theirs.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ suggestion: null, comment: null, ip_hash: '' });
    // The erratum keeps its count; its search text and outgoing events no longer hold her words.
    const erratum = await t.store.db
      .selectFrom('errata')
      .select(['report_count', 'search_text'])
      .where('id', '=', theirs.erratum.id)
      .executeTakeFirstOrThrow();
    expect(Number(erratum.report_count)).toBe(2);
    expect(erratum.search_text).not.toContain('private remark');
    expect(erratum.search_text).toContain('his remark');
    const events = await t.store.db.selectFrom('outbox_events').select('data').execute();
    expect(events.map((e) => e.data).join('\n')).not.toContain('my private remark');
    // The thank-you cannot find her address any more; the other reader's stays.
    expect(await claimReaderContact(t.store.db, theirs.id, new Date().toISOString())).toBeNull();
    expect((await call(chief, 'export', 'ben@example.org')).json().reports).toEqual([
      expect.objectContaining({ id: other.id, comment: 'his remark' }),
    ]);
  });

  it('should say so when nothing was stored for the address', async () => {
    const erased = await call(await owner(), 'erase', 'nobody@example.org');
    expect(erased.statusCode).toBe(200);
    expect(erased.json()).toMatchObject({ contactsDeleted: 0, reportsBlanked: 0 });
    expect(erased.json().summary).toBe('Nothing was stored for this address: nothing was erased.');
  });
});

describe("who may export or erase a reader's data", () => {
  it('should refuse an editor with 403 and erase nothing', async () => {
    const theirs = await report({ email: 'ana@example.org', comment: 'mine' });
    const editor = await signedInEditor(t.app, t.store, {
      email: 'ed@example.org',
      role: 'editor',
      sites: ['demo'],
    });
    for (const action of ['export', 'erase'] as const) {
      const response = await call(editor, action, 'ana@example.org');
      expect(response.statusCode).toBe(403);
      expect(response.json().error).toContain('This needs the owner role on "demo"');
    }
    const contacts = await t.store.db.selectFrom('reader_contacts').select('report_id').execute();
    expect(contacts.map((c) => c.report_id)).toEqual([theirs.id]);
  });

  it('should refuse an erase without the CSRF token', async () => {
    const chief = await owner();
    const response = await call({ ...chief, csrf: 'wrong' }, 'erase', 'ana@example.org');
    expect(response.statusCode).toBe(403);
  });
});

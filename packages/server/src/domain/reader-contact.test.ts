import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addReaderContacts,
  claimReaderContact,
  deleteExpiredReaderContacts,
  READER_CONTACT_CLAIM_MS,
} from '../store/reader-contacts-store.ts';
import { demoReport, openTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await openTestApp();
});
afterEach(async () => t.close());

const send = (overrides: Parameters<typeof demoReport>[0]) =>
  t.app.inject({ method: 'POST', url: '/api/v1/reports?wait=erratum', payload: demoReport(overrides) });

const enableReaderEmail = () =>
  t.store.db.updateTable('sites').set({ reader_email: 1 }).where('id', '=', 'demo').execute();

describe("a reader's e-mail address", () => {
  it('should be refused with a clear 400 when the site has not enabled reader e-mails, storing nothing', async () => {
    const response = await send({ email: 'reader@example.org' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: 'The site "demo" does not take readers\' e-mail addresses: send the report without one.',
      fields: { email: 'is not accepted by this site' },
    });
    expect(await t.store.db.selectFrom('reports').selectAll().execute()).toEqual([]);
    expect(await t.store.db.selectFrom('reader_contacts').selectAll().execute()).toEqual([]);
  });

  it('should be refused when it is not an address', async () => {
    await enableReaderEmail();
    const response = await send({ email: 'not an address' });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toHaveProperty('email');
  });

  it('should be refused when longer than 254 characters', async () => {
    await enableReaderEmail();
    const response = await send({ email: `${'a'.repeat(250)}@example.org` });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toHaveProperty('email');
  });

  it('should be kept with the report for 90 days when the site enabled reader e-mails', async () => {
    await enableReaderEmail();
    const before = Date.now();
    const response = await send({ email: 'reader@example.org' });
    expect(response.statusCode).toBe(201);
    const [contact] = await t.store.db.selectFrom('reader_contacts').selectAll().execute();
    expect(contact).toMatchObject({
      report_id: response.json().id,
      site_id: 'demo',
      email: 'reader@example.org',
    });
    const days = (Date.parse(contact?.expires_at ?? '') - before) / 86_400_000;
    expect(Math.round(days)).toBe(90);
  });

  it('should be deleted unused once its 90 days are over', async () => {
    await enableReaderEmail();
    const old = (await send({ email: 'old@example.org' })).json().id as string;
    const recent = (
      await send({ email: 'recent@example.org', ...{ quote: { exact: 'x', prefix: '', suffix: '' } } })
    ).json().id as string;
    await t.store.db
      .updateTable('reader_contacts')
      .set({ expires_at: '2020-01-01T00:00:00.000Z' })
      .where('report_id', '=', old)
      .execute();
    expect(await deleteExpiredReaderContacts(t.store.db, new Date().toISOString())).toBe(1);
    const left = await t.store.db.selectFrom('reader_contacts').select('report_id').execute();
    expect(left.map((c) => c.report_id)).toEqual([recent]);
    // Adding again for a report that has one keeps the first, never a second address.
    await addReaderContacts(t.store.db, [
      { reportId: recent, siteId: 'demo', email: 'other@example.org', expiresAt: '2099-01-01T00:00:00.000Z' },
    ]);
    expect(
      (await t.store.db.selectFrom('reader_contacts').select('email').execute()).map((c) => c.email),
    ).toEqual(['recent@example.org']);
  });

  it('should not be handed out for a thank-you once its 90 days are over', async () => {
    await enableReaderEmail();
    const id = (await send({ email: 'old@example.org' })).json().id as string;
    const contact = await t.store.db.selectFrom('reader_contacts').selectAll().executeTakeFirstOrThrow();
    const afterExpiry = new Date(Date.parse(contact.expires_at) + 1000).toISOString();
    expect(await claimReaderContact(t.store.db, id, afterExpiry)).toBeNull();
    const beforeExpiry = new Date(Date.parse(contact.expires_at) - 1000).toISOString();
    expect(await claimReaderContact(t.store.db, id, beforeExpiry)).toMatchObject({
      email: 'old@example.org',
    });
    // Taken once, never twice.
    expect(await claimReaderContact(t.store.db, id, beforeExpiry)).toBeNull();
  });

  it('should survive the sweep while its thank-you is being sent, and go once a crash left it claimed', async () => {
    await enableReaderEmail();
    const id = (await send({ email: 'reader@example.org' })).json().id as string;
    const claimedAt = new Date();
    expect(await claimReaderContact(t.store.db, id, claimedAt.toISOString())).not.toBeNull();
    expect(
      await deleteExpiredReaderContacts(t.store.db, new Date(claimedAt.getTime() + 60_000).toISOString()),
    ).toBe(0);
    const later = new Date(claimedAt.getTime() + READER_CONTACT_CLAIM_MS).toISOString();
    expect(await deleteExpiredReaderContacts(t.store.db, later)).toBe(1);
    expect(await t.store.db.selectFrom('reader_contacts').selectAll().execute()).toEqual([]);
  });
});

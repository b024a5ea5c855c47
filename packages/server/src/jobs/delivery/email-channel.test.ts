import type { EmailMode } from '@errata/core';
import type { FastifyBaseLogger } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiToken } from '../../domain/api-tokens.ts';
import { ReportIngest } from '../../domain/report-ingest.ts';
import { addUser } from '../../domain/users.ts';
import { loadUnsubscribeKey, type MailContext } from '../../mail/mail-context.ts';
import { smtpMailer } from '../../mail/transport.ts';
import { unsubscribeTokenHash } from '../../mail/unsubscribe-link.ts';
import { saveEmailPreference } from '../../store/email-preferences-store.ts';
import { recordOutboxEvent } from '../../store/outbox-store.ts';
import { deliveriesSettled } from '../../testing/deliveries-settled.ts';
import { type SmtpTestServer, startSmtpTestServer } from '../../testing/smtp-test-server.ts';
import { demoReport, openTestApp, type TestApp } from '../../testing/test-app.ts';
import { emailChannel } from './email-channel.ts';
import { type DeliveryWorker, startDeliveryWorker } from './worker.ts';

let t: TestApp;
let smtp: SmtpTestServer;
let context: MailContext;
let worker: DeliveryWorker;

const quietLog = { error: () => undefined, warn: () => undefined } as unknown as FastifyBaseLogger;

beforeEach(async () => {
  t = await openTestApp();
  smtp = await startSmtpTestServer();
  context = {
    store: t.store,
    mailer: smtpMailer(smtp.url, 'Errata <errata@news.example>'),
    publicUrl: 'http://localhost',
    unsubscribeKey: await loadUnsubscribeKey(t.store),
  };
  worker = startDeliveryWorker(t.store, { channels: [emailChannel(context)], log: quietLog, pollMs: 50 });
});
afterEach(async () => {
  await worker.stop();
  context.mailer.close();
  await smtp.close();
  await t.close();
});

async function editor(email: string, mode: EmailMode, instantFrom = 1): Promise<string> {
  const { userId } = await addUser(t.store, {
    email,
    password: 'correct horse battery',
    role: 'editor',
    sites: ['demo'],
  });
  await saveEmailPreference(
    t.store.db,
    { userId, siteId: 'demo', mode, instantFrom },
    unsubscribeTokenHash(context.unsubscribeKey, userId, 'demo'),
    new Date().toISOString(),
  );
  return userId;
}

async function report(overrides: Parameters<typeof demoReport>[0] = {}) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/reports?wait=erratum',
    payload: demoReport(overrides),
  });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; erratum: { id: string } };
}

/** A report of another spot: a new erratum, which every editor in instant mode from 1 is mailed about. */
const otherSpot = (word: string) => ({ quote: { exact: word, prefix: `${word} `, suffix: '' } });

/** Every mail the worker sent, once it has nothing left to deliver (so a wrong extra one would be there). */
async function settledMails() {
  worker.nudge();
  await deliveriesSettled(t.store.db);
  return smtp.mails;
}

describe('instant e-mail', () => {
  it('should mail a new erratum once, in HTML and plain text, with reader text escaped', async () => {
    const editorId = await editor('instant@example.org', 'instant');
    await report({ comment: '<script>alert("x")</script> & more' });
    const [mail] = await smtp.waitForMails(1);
    expect(mail?.to).toEqual(['instant@example.org']);
    expect(mail?.subject).toContain('New erratum reported');
    expect(mail?.subject).toContain('Roterdam');
    expect(mail?.text).toContain('<script>alert("x")</script> & more');
    expect(mail?.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more');
    expect(mail?.html).not.toContain('<script>');
    expect(mail?.headers['list-unsubscribe']).toMatch(
      /^<http:\/\/localhost\/api\/v1\/email\/unsubscribe\?token=\w+>$/,
    );
    expect(mail?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    // Made from the event and the editor, so a retried delivery carries the same Message-ID.
    const event = await t.store.db.selectFrom('outbox_events').select('id').executeTakeFirstOrThrow();
    expect(mail?.headers['message-id']).toBe(`<${event.id}.${editorId}@localhost>`);

    await report({ suggestion: 'Rotterdam again' });
    await report(otherSpot('Amsterdm'));
    const mails = await settledMails();
    expect(mails.map((m) => m.subject)).toEqual([
      expect.stringContaining('Roterdam'),
      expect.stringContaining('Amsterdm'),
    ]);
  });

  it('should mail an editor who chose "from the 3rd report" only when a spot reaches 3 reports', async () => {
    await editor('third@example.org', 'instant', 3);
    await editor('first@example.org', 'instant', 1);
    await report();
    await report();
    await smtp.waitForMails(1);
    expect(smtp.mails.map((m) => m.to[0])).toEqual(['first@example.org']);
    await report();
    await report();
    const mails = await settledMails();
    expect(mails.map((m) => m.to[0])).toEqual(['first@example.org', 'third@example.org']);
    expect(mails[1]?.subject).toContain('reported 3 times');
  });

  it('should mail an editor at their N-th report even when that report came in one batch with others', async () => {
    await editor('second@example.org', 'instant', 2);
    await editor('third@example.org', 'instant', 3);
    const ingest = new ReportIngest(t.store, 'ip-key');
    const sender = { ip: '192.0.2.1', origin: undefined, requestOrigin: 'http://localhost' };
    // A first report (of another spot) has the site looked up and remembered, so on either
    // database the four below reach the writer in one event-loop turn and are committed in
    // one transaction: the spot's count goes from 0 to 4 at once, past both editors' numbers.
    await ingest.ingest(demoReport(otherSpot('Amsterdm')), sender);
    const receipts = await Promise.all([1, 2, 3, 4].map(() => ingest.ingest(demoReport(), sender)));
    await ingest.drained();
    expect(receipts.map((r) => r.receipt.erratum.reports).sort()).toEqual([1, 2, 3, 4]);
    const events = await t.store.db
      .selectFrom('outbox_events')
      .select('created_at')
      .where('erratum_id', '=', receipts[0]!.receipt.erratum.id)
      .execute();
    expect(new Set(events.map((e) => e.created_at)).size).toBe(1);

    const mails = await settledMails();
    expect(mails.map((m) => [m.to[0], m.subject])).toEqual(
      expect.arrayContaining([
        ['second@example.org', expect.stringContaining('reported 2 times')],
        ['third@example.org', expect.stringContaining('reported 3 times')],
      ]),
    );
    expect(mails).toHaveLength(2);
  });

  it('should send no more mail after the List-Unsubscribe one-click POST', async () => {
    await editor('leaving@example.org', 'instant');
    await editor('staying@example.org', 'instant');
    await report();
    const mails = await smtp.waitForMails(2);
    const leaving = mails.find((m) => m.to[0] === 'leaving@example.org');
    const link = /^<(.+)>$/.exec(leaving?.headers['list-unsubscribe'] ?? '')?.[1];
    expect(link).toBeDefined();
    const target = new URL(link as string);
    const post = await t.app.inject({
      method: 'POST',
      url: `${target.pathname}${target.search}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(post.statusCode).toBe(200);

    await report(otherSpot('Amsterdm'));
    const after = await settledMails();
    expect(after.slice(2).map((m) => m.to[0])).toEqual(['staying@example.org']);
  });

  it('should not mail about more reports of a spot an editor rejected', async () => {
    await editor('second@example.org', 'instant', 2);
    const rejected = await report();
    const token = await createApiToken(t.store, 'demo', 'test');
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/errata/${rejected.erratum.id}`,
      headers: { authorization: `Bearer ${token}` },
      payload: { status: 'rejected' },
    });
    expect(patch.statusCode).toBe(200);
    await report();
    await report(otherSpot('Amsterdm'));
    await report(otherSpot('Amsterdm'));
    const mails = await settledMails();
    expect(mails.map((m) => m.subject)).toEqual([expect.stringContaining('Amsterdm')]);
  });

  it('should mail no one in digest mode or off', async () => {
    await editor('digest@example.org', 'digest');
    await editor('off@example.org', 'off');
    await editor('instant@example.org', 'instant');
    await report();
    const mails = await settledMails();
    expect(mails.map((m) => m.to[0])).toEqual(['instant@example.org']);
  });
});

describe('reader thank-you', () => {
  async function verify(erratumId: string, replacedBy = 'Rotterdam') {
    await t.store.db
      .transaction()
      .execute((trx) =>
        recordOutboxEvent(trx, { siteId: 'demo', type: 'erratum.verified', erratumId, data: { replacedBy } }),
      );
    worker.nudge();
  }

  it('should thank the reader once when the fix is verified, then delete the address', async () => {
    await t.store.db.updateTable('sites').set({ reader_email: 1 }).where('id', '=', 'demo').execute();
    const receipt = await report({ email: 'reader@example.org' });
    const stored = await t.store.db.selectFrom('reader_contacts').selectAll().execute();
    expect(stored.map((c) => c.email)).toEqual(['reader@example.org']);

    await verify(receipt.erratum.id);
    const [mail] = await smtp.waitForMails(1);
    expect(mail?.to).toEqual(['reader@example.org']);
    expect(mail?.text).toContain('«Roterdam»');
    expect(mail?.text).toContain('It now reads «Rotterdam»');
    expect(mail?.html).toContain('<a href="http://localhost/demo/articles/harbour-bridge.html">');

    await verify(receipt.erratum.id);
    expect(await settledMails()).toHaveLength(1);
    expect(await t.store.db.selectFrom('reader_contacts').selectAll().execute()).toEqual([]);
  });

  it('should delete the address without retrying when the mail server refuses it for good', async () => {
    await t.store.db.updateTable('sites').set({ reader_email: 1 }).where('id', '=', 'demo').execute();
    smtp.refuseRecipient('gone@example.org');
    const receipt = await report({ email: 'gone@example.org' });
    await verify(receipt.erratum.id);
    expect(await settledMails()).toEqual([]);
    const [delivery] = await t.store.db
      .selectFrom('deliveries')
      .select(['status', 'attempts', 'last_status_code'])
      .where('channel', '=', 'email')
      .execute();
    expect(delivery).toEqual({ status: 'dead', attempts: 1, last_status_code: 550 });
    expect(await t.store.db.selectFrom('reader_contacts').selectAll().execute()).toEqual([]);
  });
});

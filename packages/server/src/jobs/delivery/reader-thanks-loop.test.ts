/**
 * The whole loop with real parts: a reader leaves an address with a report, an editor marks
 * the mistake fixed, the recheck sees the page corrected (verified), and the delivery worker
 * sends the reader one thank-you through a real SMTP server; then the address is gone.
 */
import type { FastifyBaseLogger } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Rechecker } from '../../domain/recheck.ts';
import { ReportIngest } from '../../domain/report-ingest.ts';
import { HostPoliteness } from '../../fetch/host-politeness.ts';
import { loadUnsubscribeKey } from '../../mail/mail-context.ts';
import { type Mailer, smtpMailer } from '../../mail/transport.ts';
import { deliveriesSettled } from '../../testing/deliveries-settled.ts';
import { type PageServer, startPageServer } from '../../testing/page-server.ts';
import { addCheckedSite, article, markFixed, report, reportOf } from '../../testing/recheck-fixtures.ts';
import { type SmtpTestServer, startSmtpTestServer } from '../../testing/smtp-test-server.ts';
import { openTestStore } from '../../testing/test-app.ts';
import { emailChannel } from './email-channel.ts';
import { type DeliveryWorker, startDeliveryWorker } from './worker.ts';

const TYPO = 'Engineers from Roterdam will inspect the hinges before the bridge reopens.';
const FIXED = 'Engineers from Rotterdam will inspect the hinges before the bridge reopens.';
const quietLog = { error: () => undefined, warn: () => undefined } as unknown as FastifyBaseLogger;

let t: Awaited<ReturnType<typeof openTestStore>>;
let pages: PageServer;
let smtp: SmtpTestServer;
let mailer: Mailer;
let worker: DeliveryWorker;
let ingest: ReportIngest;

beforeEach(async () => {
  t = await openTestStore();
  pages = await startPageServer();
  smtp = await startSmtpTestServer();
  mailer = smtpMailer(smtp.url, 'Errata <errata@news.example>');
  ingest = new ReportIngest(t.store, 'ip-key');
  await addCheckedSite(t.store, 'courier', pages.origin, { local: true });
  await t.store.db.updateTable('sites').set({ reader_email: 1 }).where('id', '=', 'courier').execute();
  const context = {
    store: t.store,
    mailer,
    publicUrl: 'http://localhost',
    unsubscribeKey: await loadUnsubscribeKey(t.store),
  };
  worker = startDeliveryWorker(t.store, { channels: [emailChannel(context)], log: quietLog, pollMs: 50 });
});
afterEach(async () => {
  await worker.stop();
  await ingest.drained();
  mailer.close();
  await smtp.close();
  await pages.close();
  await t.cleanup();
});

describe('the reader’s thank-you', () => {
  it('should be sent once when the recheck verifies the fix, and the address then deleted', async () => {
    const url = `${pages.origin}/news/bridge`;
    pages.set('/news/bridge', article(TYPO));
    const receipt = await report(
      ingest,
      reportOf(article(TYPO), 'Roterdam', { site: 'courier-key', url }, { email: 'reader@example.org' }),
    );
    await markFixed(t.store, receipt.erratum.id);
    pages.set('/news/bridge', article(FIXED));
    const rechecker = new Rechecker(t.store, {
      publicUrl: 'http://localhost',
      politeness: new HostPoliteness(0),
    });
    await rechecker.recheckPage({ siteId: 'courier', url });

    const [mail] = await smtp.waitForMails(1);
    expect(mail?.to).toEqual(['reader@example.org']);
    expect(mail?.subject).toBe('Corrected: «Roterdam» — thank you');
    expect(mail?.text).toContain('It now reads «Rotterdam».');
    await expect
      .poll(() => t.store.db.selectFrom('reader_contacts').selectAll().execute(), { timeout: 15_000 })
      .toEqual([]);

    // A second look at the corrected page finds nothing more to send.
    await rechecker.recheckPage({ siteId: 'courier', url });
    worker.nudge();
    await deliveriesSettled(t.store.db);
    expect(smtp.mails).toHaveLength(1);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReportIngest } from '../domain/report-ingest.ts';
import { addUser } from '../domain/users.ts';
import { loadUnsubscribeKey, type MailContext } from '../mail/mail-context.ts';
import { smtpMailer } from '../mail/transport.ts';
import { unsubscribeTokenHash } from '../mail/unsubscribe-link.ts';
import { saveEmailPreference } from '../store/email-preferences-store.ts';
import { openStore, type Store } from '../store/open-store.ts';
import { type SmtpTestServer, startSmtpTestServer } from '../testing/smtp-test-server.ts';
import { demoReport, openTestStore } from '../testing/test-app.ts';
import { DigestScheduler } from './digest.ts';

let store: Store;
let url: string;
let cleanup: () => Promise<void>;
let smtp: SmtpTestServer;
const contexts: MailContext[] = [];
const extraStores: Store[] = [];

beforeEach(async () => {
  ({ store, url, cleanup } = await openTestStore());
  smtp = await startSmtpTestServer();
});
afterEach(async () => {
  for (const context of contexts.splice(0)) context.mailer.close();
  for (const extra of extraStores.splice(0)) await extra.close();
  await smtp.close();
  await cleanup();
});

/** A mail context as one server instance has it: with its own database connection when `ownStore`. */
async function instance(ownStore = false): Promise<MailContext> {
  let db = store;
  if (ownStore) {
    db = openStore(url);
    extraStores.push(db);
  }
  const context: MailContext = {
    store: db,
    mailer: smtpMailer(smtp.url, 'Errata <errata@news.example>'),
    publicUrl: 'http://errata.example',
    unsubscribeKey: await loadUnsubscribeKey(db),
  };
  contexts.push(context);
  return context;
}

async function digestEditor(email: string): Promise<string> {
  const { userId } = await addUser(store, {
    email,
    password: 'correct horse battery',
    role: 'editor',
    sites: ['demo'],
  });
  const key = await loadUnsubscribeKey(store);
  await saveEmailPreference(
    store.db,
    { userId, siteId: 'demo', mode: 'digest', instantFrom: 1 },
    unsubscribeTokenHash(key, userId, 'demo'),
    new Date().toISOString(),
  );
  return userId;
}

async function report(overrides: Parameters<typeof demoReport>[0] = {}): Promise<void> {
  const ingest = new ReportIngest(store, 'ip-key');
  await ingest.ingest(demoReport(overrides), {
    ip: '192.0.2.1',
    origin: undefined,
    requestOrigin: 'http://localhost',
  });
  await ingest.drained();
}

describe('daily digest', () => {
  it('should mail an editor in digest mode the open errata of the last day, reader text escaped', async () => {
    await digestEditor('digest@example.org');
    await report({ comment: '<script>alert(1)</script>' });
    const scheduler = new DigestScheduler(await instance(), { hour: 0 });
    expect(await scheduler.tick()).toBe(1);
    const [mail] = await smtp.waitForMails(1);
    expect(mail?.to).toEqual(['digest@example.org']);
    expect(mail?.subject).toContain('1 open erratum');
    expect(mail?.text).toContain('Roterdam');
    expect(mail?.text).toContain('<script>alert(1)</script>');
    expect(mail?.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail?.html).not.toContain('<script>');
    expect(mail?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    await scheduler.stop();
  });

  it('should send one digest when two server instances tick at the same time', async () => {
    await digestEditor('digest@example.org');
    await report();
    const first = new DigestScheduler(await instance(true), { hour: 0 });
    const second = new DigestScheduler(await instance(true), { hour: 0 });
    const sent = await Promise.all([first.tick(), second.tick(), first.tick(), second.tick()]);
    expect(sent.reduce((a, b) => a + b, 0)).toBe(1);
    // A tick returns once the SMTP server took its mails: nothing more can be on the way.
    expect(smtp.mails).toHaveLength(1);
    await first.stop();
    await second.stop();
  });

  it('should leave the digests to the instance holding the lease, until it stops', async () => {
    await report();
    const first = new DigestScheduler(await instance(true), { hour: 0 });
    const second = new DigestScheduler(await instance(true), { hour: 0 });
    expect(await first.tick()).toBe(0); // Nobody to mail yet, but the first instance now holds the lease.
    await digestEditor('digest@example.org');
    expect(await second.tick()).toBe(0);
    expect(smtp.mails).toHaveLength(0);
    await first.stop(); // Gives the lease up on shutdown.
    expect(await second.tick()).toBe(1);
    await second.stop();
  });

  it('should send no second digest the same day after a restart', async () => {
    await digestEditor('digest@example.org');
    await report();
    const before = new DigestScheduler(await instance(true), { hour: 0 });
    expect(await before.tick()).toBe(1);
    await before.stop();
    const afterRestart = new DigestScheduler(await instance(true), { hour: 0 });
    expect(await afterRestart.tick()).toBe(0);
    await afterRestart.stop();
    expect(smtp.mails).toHaveLength(1);
  });

  it('should wait for the configured hour', async () => {
    await digestEditor('digest@example.org');
    await report();
    const scheduler = new DigestScheduler(await instance(), { hour: 7 });
    const sixOClock = new Date();
    sixOClock.setUTCHours(6, 30);
    expect(await scheduler.tick(sixOClock)).toBe(0);
    await scheduler.stop();
  });

  it('should send nothing on a day without new errata', async () => {
    await digestEditor('digest@example.org');
    const scheduler = new DigestScheduler(await instance(), { hour: 0 });
    expect(await scheduler.tick()).toBe(0);
    await scheduler.stop();
    expect(smtp.mails).toHaveLength(0);
  });

  it('should list what was reported since the previous digest when it goes out late', async () => {
    const userId = await digestEditor('digest@example.org');
    await report(); // Roterdam
    await report({ quote: { exact: 'Amsterdm', prefix: 'from ', suffix: ' to' } });
    const now = new Date(Date.now() + 30 * 3_600_000);
    const previous = new Date(Date.now() - 3_600_000);
    // Yesterday's digest went out an hour before the reports; today's runs 30 hours after them.
    await store.db
      .insertInto('digest_runs')
      .values({
        site_id: 'demo',
        user_id: userId,
        day: previous.toISOString().slice(0, 10),
        sent_at: previous.toISOString(),
      })
      .execute();
    // Amsterdm was last reported before that digest, which listed it then.
    await store.db
      .updateTable('errata')
      .set({ last_reported_at: new Date(previous.getTime() - 60_000).toISOString() })
      .where('quote_exact', '=', 'Amsterdm')
      .execute();
    const scheduler = new DigestScheduler(await instance(), { hour: 0 });
    expect(await scheduler.tick(now)).toBe(1);
    await scheduler.stop();
    // The records are kept while a window may reach back to them; older ones are pruned.
    const runs = await store.db.selectFrom('digest_runs').select('day').orderBy('day').execute();
    expect(runs.map((r) => r.day)).toEqual([previous, now].map((d) => d.toISOString().slice(0, 10)));
    const muchLater = new Date(now.getTime() + 60 * 86_400_000);
    await scheduler.tick(muchLater);
    await scheduler.stop();
    const left = await store.db.selectFrom('digest_runs').select('day').execute();
    expect(left).toEqual([{ day: muchLater.toISOString().slice(0, 10) }]);
    const [mail] = smtp.mails;
    expect(mail?.subject).toContain(`1 open erratum reported since ${previous.toISOString().slice(0, 10)}`);
    expect(mail?.text).toContain('Roterdam');
    expect(mail?.text).not.toContain('Amsterdm');
  });

  it('should not try a digest again that the mail server refused for good', async () => {
    const userId = await digestEditor('gone@example.org');
    await report();
    smtp.refuseRecipient('gone@example.org');
    const scheduler = new DigestScheduler(await instance(), { hour: 0 });
    expect(await scheduler.tick()).toBe(0);
    await scheduler.stop();
    // The day stays recorded, so the next ticks do not knock on the same door every minute.
    const runs = await store.db.selectFrom('digest_runs').select(['user_id']).execute();
    expect(runs).toEqual([{ user_id: userId }]);
  });

  it('should try again on the next tick when the mail server refused the digest', async () => {
    await digestEditor('digest@example.org');
    await report();
    const down = await instance();
    down.mailer = smtpMailer('smtp://127.0.0.1:1', 'Errata <errata@news.example>');
    const failing = new DigestScheduler(down, { hour: 0 });
    expect(await failing.tick()).toBe(0);
    await failing.stop();
    expect(await store.db.selectFrom('digest_runs').selectAll().execute()).toEqual([]);
    const working = new DigestScheduler(await instance(), { hour: 0 });
    expect(await working.tick()).toBe(1);
    await working.stop();
  });
});

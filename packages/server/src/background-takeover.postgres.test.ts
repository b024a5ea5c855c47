/**
 * Background work of several instances, proved with real processes: three `errata start` on
 * one PostgreSQL database and one Redis send each digest once, and what an instance that is
 * SIGKILLed had claimed (the digest lease, a webhook delivery under way) is done by the
 * others once its lease runs out.
 *
 * Each instance keeps its own public URL (its own origin), so the links in a mail or a
 * webhook body say which instance sent it: that is how the test finds the one to kill.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from './base/ids.ts';
import { addUser } from './domain/users.ts';
import { loadUnsubscribeKey } from './mail/mail-context.ts';
import { unsubscribeTokenHash } from './mail/unsubscribe-link.ts';
import { saveEmailPreference } from './store/email-preferences-store.ts';
import { openStore, type Store } from './store/open-store.ts';
import { setSiteFlag } from './store/site-flags-store.ts';
import { type ServerInstances, startServerInstances } from './testing/server-instances.ts';
import type { ServerProcess } from './testing/server-process.ts';
import { type ReceivedMail, type SmtpTestServer, startSmtpTestServer } from './testing/smtp-test-server.ts';
import { demoReport } from './testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from './testing/test-database.ts';
import { redisUnavailable } from './testing/test-redis.ts';
import {
  addTestWebhook,
  eventually,
  type ReceivedWebhook,
  startWebhookReceiver,
  type WebhookReceiver,
} from './testing/webhook-receiver.ts';

const redisMissing = await redisUnavailable();
const SECRET = 'whsec_takeover';
/** Each instance looks every second whether digests are due; the one sending them holds the lease 3 s. */
const DIGEST_POLL_S = 1;
/** A delivery attempt may take 3 s; a claimed delivery is held for 9 s (three attempts' time). */
const DELIVERY_TIMEOUT_S = 3;
/** Longest wait for work a killed instance held: its lease, a poll, and room for a loaded machine. */
const TAKEOVER_TIMEOUT_MS = 3 * DELIVERY_TIMEOUT_S * 1000 + 15_000;

describe.skipIf(redisMissing !== null)(
  'background work of three instances on one PostgreSQL database',
  { timeout: 90_000 },
  () => {
    let database: TestDatabase;
    let store: Store;
    let servers: ServerInstances;
    let smtp: SmtpTestServer;
    let receiver: WebhookReceiver;
    const killed = new Set<ServerProcess>();
    const running = () => servers.all.filter((instance) => !killed.has(instance));

    beforeAll(async () => {
      database = await createTestDatabase('postgres');
      smtp = await startSmtpTestServer();
      receiver = await startWebhookReceiver(SECRET);
      servers = await startServerInstances(3, {
        database,
        env: {
          ERRATA_SMTP_URL: smtp.url,
          ERRATA_MAIL_FROM: 'Errata <errata@news.example>',
          // Digests are due all day (from 00:00 UTC), looked for every second.
          ERRATA_DIGEST_HOUR: '0',
          ERRATA_DIGEST_POLL: String(DIGEST_POLL_S),
          ERRATA_DELIVERY_TIMEOUT: String(DELIVERY_TIMEOUT_S),
        },
      });
      store = openStore(database.url);
      // The receiver listens on loopback: the operator lets the demo's webhooks reach it.
      await setSiteFlag(store.db, 'demo', 'local', true);
      await addTestWebhook(store.db, receiver.url, SECRET);
    });

    afterAll(async () => {
      await servers?.stop();
      await receiver?.close();
      await smtp?.close();
      await store?.close();
      await database?.drop();
    });

    /** A report of a new spot on the demo page as `instance` serves it; resolves with the new report. */
    const report = async (instance: ServerProcess, spot: string) => {
      const response = await fetch(`${instance.origin}/api/v1/reports?wait=erratum`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        body: JSON.stringify(
          demoReport({
            url: `${instance.origin}/demo/articles/harbour-bridge.html`,
            quote: { exact: `Roterdam-${spot}`, prefix: 'engineers from ', suffix: ' will inspect the' },
            clientId: newId(),
          }),
        ),
      });
      expect(response.status).toBe(201);
      return (await response.json()) as { id: string; erratum: { id: string } };
    };

    /** An editor of the demo site who chose the daily digest. */
    const digestEditor = async (email: string) => {
      const { userId } = await addUser(store, {
        email,
        password: 'correct horse battery',
        role: 'editor',
        sites: ['demo'],
      });
      await saveEmailPreference(
        store.db,
        { userId, siteId: 'demo', mode: 'digest', instantFrom: 1 },
        unsubscribeTokenHash(await loadUnsubscribeKey(store), userId, 'demo'),
        new Date().toISOString(),
      );
      return email;
    };

    /** The instance whose public URL a digest's inbox link names: the one that sent it. */
    const digestSender = (mail: ReceivedMail) => {
      const inbox = /Triage them: (\S+)/.exec(mail.text)?.[1];
      return servers.all.find((instance) => inbox === `${instance.origin}/admin/`);
    };

    /** The instance whose public URL a webhook's dashboard link names: the one that sent it. */
    const webhookSender = (webhook: ReceivedWebhook) => {
      const { erratum } = JSON.parse(webhook.body) as { erratum: { dashboardUrl: string } };
      return servers.all.find((instance) => new URL(erratum.dashboardUrl).origin === instance.origin);
    };

    /** Resolves with the mail to `address` once it arrived, and when the test saw it. */
    const mailTo = (address: string, timeoutMs = 10_000) =>
      eventually(
        async () => {
          const mail = smtp.mails.find((m) => m.to.includes(address));
          return mail && { mail, seenAt: Date.now() };
        },
        `the digest to ${address}`,
        timeoutMs,
      );

    const recipients = () => smtp.mails.flatMap((mail) => mail.to).sort();

    const digestLease = () =>
      store.db
        .selectFrom('leases')
        .select(['holder', 'expires_at'])
        .where('name', '=', 'digest')
        .executeTakeFirstOrThrow();

    it('should send each editor’s digest once, though all three look for due digests every second', async () => {
      // Three open errata, one reported to each instance; their events reach the receiver.
      for (const [n, instance] of servers.all.entries()) await report(instance, `digest-${n}`);
      await receiver.waitForIds(3);

      const editors = [];
      for (let n = 0; n < 4; n++) editors.push(await digestEditor(`editor${n}@news.example`));
      await smtp.waitForMails(4);
      // A fifth editor added now has a later id than the four, and each pass goes over the
      // editors in id order: the pass that mails the fifth went over the four just before,
      // so a second digest for any of them would have arrived before this one.
      editors.push(await digestEditor('editor4@news.example'));
      const { mail } = await mailTo('editor4@news.example');

      expect(recipients()).toEqual([...editors].sort());
      expect(digestSender(mail)).toBeDefined();
      for (const digest of smtp.mails) {
        expect(digest.subject).toMatch(/^\[The demo newsroom\] Daily digest \d{4}-\d\d-\d\d: 3 open errata /);
      }
    });

    it('should finish on another instance the digest pass of one killed mid-pass, once its lease expires', async () => {
      const earlier = recipients();
      // Three more editors: the mail server reads the first one's digest but never answers,
      // so the instance holding the lease is stuck in its pass, the other two not mailed yet.
      smtp.holdMailTo('editor5@news.example');
      for (let n = 5; n < 8; n++) await digestEditor(`editor${n}@news.example`);
      const stuck = await eventually(async () => smtp.held[0], 'a digest held at the mail server');
      const holder = digestSender(stuck) as ServerProcess;
      await holder.kill();
      killed.add(holder);
      // The lease as the killed instance left it: nobody renews it now.
      const left = await digestLease();

      const six = await mailTo('editor6@news.example', TAKEOVER_TIMEOUT_MS);
      const seven = await mailTo('editor7@news.example', TAKEOVER_TIMEOUT_MS);

      // Sent by a survivor that took the lease over once it had expired, not before.
      expect(running()).toContain(digestSender(six.mail));
      expect(running()).toContain(digestSender(seven.mail));
      expect(six.seenAt).toBeGreaterThanOrEqual(Date.parse(left.expires_at));
      expect((await digestLease()).holder).not.toBe(left.holder);
      // The new holder's pass went over the earlier editors first (their ids sort before
      // editor6's): each still has just today's one digest. Editor5's was recorded before it
      // was sent, so it is not sent again: digests are at most once, and a crash between the
      // record and the mail server's answer loses that day's digest (README, "E-mail").
      expect(recipients()).toEqual([...earlier, 'editor6@news.example', 'editor7@news.example'].sort());
    });

    it('should deliver an event whose instance was killed mid-delivery from another one, once', async () => {
      // Three again, as an orchestrator would restart the killed one.
      await servers.add();
      expect(running()).toHaveLength(3);
      const accepted = receiver.uniqueIds().length;
      const before = receiver.received.length;

      // The receiver lets the first attempt hang: the instance that claimed it is mid-delivery.
      receiver.script('hang');
      await report(running()[0] as ServerProcess, 'takeover');
      const hung = await eventually(
        async () => receiver.received[before],
        'the first attempt to reach the receiver',
      );
      expect(hung.answered).toBeNull();
      const victim = webhookSender(hung) as ServerProcess;
      expect(running()).toContain(victim);
      await victim.kill();
      killed.add(victim);

      // It died holding the claim: its attempt had not ended, so nothing was recorded.
      const eventId = String(hung.headers['errata-event-id']);
      const delivery = () =>
        store.db
          .selectFrom('deliveries')
          .selectAll()
          .where('event_id', '=', eventId)
          .where('channel', '=', 'webhook')
          .executeTakeFirstOrThrow();
      const claim = await delivery();
      expect(claim.status).toBe('pending');
      expect(Number(claim.attempts)).toBe(1);
      expect(claim.lease_owner).not.toBeNull();
      expect(Date.parse(claim.leased_until as string)).toBeGreaterThan(Date.now());

      // Once the claim has run out, a survivor claims the delivery again and delivers it.
      await receiver.waitForIds(accepted + 1, TAKEOVER_TIMEOUT_MS);
      const seenAt = Date.now();
      const attempts = () => receiver.received.filter((r) => r.headers['errata-event-id'] === eventId);
      const [, retry] = attempts();
      expect(retry?.signed).toBe(true);
      expect(retry?.answered).toBe(200);
      expect(running()).toContain(webhookSender(retry as ReceivedWebhook));
      expect(seenAt).toBeGreaterThanOrEqual(Date.parse(claim.leased_until as string));
      // The survivor records the outcome just after the receiver's answer.
      await expect.poll(async () => (await delivery()).status).toBe('delivered');
      expect(await delivery()).toMatchObject({ lease_owner: null, last_status_code: 200 });
      expect(Number((await delivery()).attempts)).toBe(2);

      // A later event is delivered too; the first was still attempted only those two times
      // (delivered rows are never claimed again: this is the positive sign that all is done).
      await report(running()[0] as ServerProcess, 'after-takeover');
      await receiver.waitForIds(accepted + 2);
      expect(attempts()).toHaveLength(2);
      expect(receiver.received).toHaveLength(before + 3);
    });
  },
);

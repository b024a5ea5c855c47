import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Mailer, smtpMailer } from '../mail/transport.ts';
import { type SmtpTestServer, startSmtpTestServer } from '../testing/smtp-test-server.ts';
import { openTestApp, type TestApp } from '../testing/test-app.ts';
import { ALERT_AFTER_FAILURES } from './sign-in-limits.ts';
import { addUser } from './users.ts';

let smtp: SmtpTestServer;
let mailer: Mailer;
let t: TestApp;
beforeEach(async () => {
  smtp = await startSmtpTestServer();
  mailer = smtpMailer(smtp.url, 'Errata <errata@news.example>');
  t = await openTestApp({ signInMailer: mailer });
  await addUser(t.store, { email: 'ed@example.org', password: 'long enough secret', role: 'editor' });
});
afterEach(async () => {
  await t.close();
  mailer.close();
  await smtp.close();
});

/** `count` wrong passwords for `email`, three from each address (so none has to wait), from the `from`-th one on. */
async function wrongPasswords(email: string, count: number, from = 0): Promise<void> {
  for (let n = from; n < from + count; n++) {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      remoteAddress: `198.51.100.${Math.floor(n / 3)}`,
      payload: { email, password: 'not the secret' },
    });
    expect(response.statusCode).toBe(401);
  }
}

/** Lets mails that are on their way arrive. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

describe('the mail to an account owner about wrong passwords', () => {
  it('should mail the owner once when a burst of wrong passwords reaches ten, not once per failure', async () => {
    await wrongPasswords('ed@example.org', ALERT_AFTER_FAILURES - 1);
    await settle();
    expect(smtp.mails).toHaveLength(0);
    await wrongPasswords('Ed@Example.org', 1, ALERT_AFTER_FAILURES - 1);
    // The mail goes out in the background and describes the burst as it is then: wait for it
    // before the burst goes on, so it tells of the tenth failure.
    const [mail] = await smtp.waitForMails(1);
    await wrongPasswords('ed@example.org', 4, ALERT_AFTER_FAILURES);
    await settle();
    expect(smtp.mails).toHaveLength(1);
    expect(mail?.to).toEqual(['ed@example.org']);
    expect(mail?.subject).toBe('Errata: many wrong passwords for your account');
    expect(mail?.text).toContain(`${ALERT_AFTER_FAILURES} sign-ins to your Errata account`);
    expect(mail?.text).toContain('from 4 addresses');
  });

  it('should mail nobody about an e-mail that has no account', async () => {
    await wrongPasswords('nobody@example.org', ALERT_AFTER_FAILURES + 2);
    await settle();
    expect(smtp.mails).toHaveLength(0);
  });
});

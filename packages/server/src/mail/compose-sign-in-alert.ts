import { escapeHtml } from './escape-html.ts';
import { htmlDocument, inboxUrl } from './mail-layout.ts';
import type { MailMessage } from './transport.ts';

/** What a sign-in alert says: a burst of wrong passwords for one account. */
export interface SignInAlert {
  to: string;
  /** Wrong passwords in the burst so far. */
  failures: number;
  /** Client addresses they came from (an IPv6 network counts once). */
  addresses: number;
  publicUrl: string;
}

/** The mail an account's owner gets, once per burst, when many wrong passwords were typed for it. */
export function composeSignInAlertMail(alert: SignInAlert): MailMessage {
  const subject = 'Errata: many wrong passwords for your account';
  const from = alert.addresses === 1 ? 'one address' : `${alert.addresses} addresses`;
  const lines = [
    `In the last hour, ${alert.failures} sign-ins to your Errata account (${alert.to}) failed with a wrong password, from ${from}.`,
    'None of them got in. Further attempts from those addresses are slowed down; you can still sign in from yours.',
    'If this was not you, make sure your password is long and used nowhere else.',
  ];
  const dashboard = inboxUrl(alert.publicUrl);
  const text = [...lines, `Errata: ${dashboard}`].join('\n\n');
  const html = htmlDocument(
    subject,
    lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('') +
      `<p><a href="${escapeHtml(dashboard)}">Open Errata</a></p>`,
  );
  return { to: alert.to, subject, text, html };
}

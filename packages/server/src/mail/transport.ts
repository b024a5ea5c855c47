import nodemailer from 'nodemailer';

/** One mail, ready to send: HTML and plain text, and any extra headers (List-Unsubscribe). */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

/** What sends mail; the server builds one from ERRATA_SMTP_URL. */
export interface Mailer {
  /** Resolves once the SMTP server accepted the mail; rejects with its reason otherwise. */
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** Longest wait for the SMTP server at each step; a hung server fails the attempt, which is retried later. */
const SMTP_TIMEOUT_MS = 15_000;

/**
 * A mailer over SMTP. `smtpUrl` is like smtp://user:pass@host:587 (STARTTLS when offered)
 * or smtps://host:465 (TLS from the start); `from` is the sender, e.g. "Errata <errata@news.example>".
 */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const url = new URL(smtpUrl);
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
  return {
    send: async (message) => {
      await transport.sendMail({ from, ...message });
    },
    close: () => transport.close(),
  };
}

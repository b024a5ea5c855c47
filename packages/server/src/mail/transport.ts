import nodemailer from 'nodemailer';

/** One mail, ready to send: HTML and plain text, and any extra headers (List-Unsubscribe). */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  /** A Message-ID that stays the same when a delivery is retried, so mail clients drop a repeat. */
  messageId?: string;
}

/** What sends mail; the server builds one from ERRATA_SMTP_URL. */
export interface Mailer {
  /** Resolves once the SMTP server accepted the mail; rejects with its reason otherwise. */
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** Why the SMTP server did not take a mail, as the delivery log and the digest's retry need it. */
export interface SmtpRefusal {
  /** The server's reply code (e.g. 550), or null when none answered (down, timeout). */
  code: number | null;
  /** A 5xx reply is final (no such mailbox, sender refused): sending the same mail again cannot help. */
  permanent: boolean;
  /** A sentence for the log. */
  message: string;
}

/** Reads a rejection of Mailer.send. */
export function smtpRefusal(error: unknown): SmtpRefusal {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  const replyCode = typeof code === 'number' ? code : null;
  return {
    code: replyCode,
    permanent: replyCode !== null && replyCode >= 500,
    // The delivery log shows this to every member of the site: a reader's address stays out of it.
    message: `the mail server did not take the mail: ${withoutAddresses(error instanceof Error ? error.message : String(error))}`,
  };
}

/** The text with every e-mail address in it replaced by "<address>". */
export function withoutAddresses(text: string): string {
  return text.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '<address>');
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

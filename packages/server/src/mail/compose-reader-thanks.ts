import { escapeHtml } from './escape-html.ts';
import { htmlDocument, subjectQuote } from './mail-layout.ts';
import type { MailMessage } from './transport.ts';

/** What a reader's thank-you is about. */
export interface ReaderThanksMail {
  to: string;
  siteName: string;
  /** The words the reader reported. */
  quote: string;
  /** What the page says there now, when the recheck saw it. */
  correction: string | null;
  url: string;
  title: string | null;
}

/**
 * The single mail a reader gets when the mistake they reported is verified fixed. It is the
 * only mail to that address (it is deleted right after), so it needs no unsubscribe link.
 */
export function composeReaderThanksMail(mail: ReaderThanksMail): MailMessage {
  const subject = `Corrected: «${subjectQuote(mail.quote)}» — thank you`;
  const fixed = mail.correction === null ? '' : ` It now reads «${mail.correction}».`;
  const page = mail.title ? `${mail.title} (${mail.url})` : mail.url;
  const text = [
    `The mistake you reported in «${mail.quote}» on ${page} was corrected.${fixed}`,
    '',
    `Thank you for telling ${mail.siteName}.`,
    '',
    'Your address was used for this one message and has now been deleted.',
  ].join('\n');
  const e = escapeHtml;
  const html = htmlDocument(
    subject,
    `<p>The mistake you reported in «${e(mail.quote)}» on <a href="${e(mail.url)}">${e(mail.title ?? mail.url)}</a> was corrected.` +
      (mail.correction === null ? '' : ` It now reads «${e(mail.correction)}».`) +
      `</p><p>Thank you for telling ${e(mail.siteName)}.</p>` +
      `<p style="color:#6b7280;font-size:13px">Your address was used for this one message and has now been deleted.</p>`,
  );
  return { to: mail.to, subject, text, html };
}

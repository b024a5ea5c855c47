import type { Erratum } from '@errata/core';
import { escapeHtml } from './escape-html.ts';
import {
  editorFooter,
  erratumHtml,
  erratumText,
  htmlDocument,
  inboxUrl,
  oneLine,
  subjectQuote,
} from './mail-layout.ts';
import type { MailMessage } from './transport.ts';
import { unsubscribeHeaders } from './unsubscribe-link.ts';

/** What an instant mail is about. */
export interface InstantMail {
  to: string;
  siteName: string;
  erratum: Erratum;
  /** The report count that triggered it: 1 for a new erratum, else the editor's "from the N-th report". */
  reports: number;
  publicUrl: string;
  unsubscribeUrl: string;
}

/** The mail an editor in instant mode gets when a spot is reported (for the first or the N-th time). */
export function composeInstantMail(mail: InstantMail): MailMessage {
  const { erratum, siteName } = mail;
  const headline = mail.reports <= 1 ? 'New erratum reported' : `Erratum reported ${mail.reports} times`;
  const subject = `[${oneLine(siteName)}] ${headline}: «${subjectQuote(erratum.quote.exact)}»`;
  const footer = editorFooter(siteName, mail.unsubscribeUrl);
  const inbox = inboxUrl(mail.publicUrl);
  const text = [
    `${headline} on ${siteName}:`,
    '',
    ...erratumText(erratum),
    '',
    `Triage it: ${inbox}`,
    '',
    footer.text,
  ].join('\n');
  const html = htmlDocument(
    subject,
    `<h1 style="font-size:18px">${escapeHtml(headline)} on ${escapeHtml(siteName)}</h1>` +
      erratumHtml(erratum) +
      `<p><a href="${escapeHtml(inbox)}">Triage it in the inbox</a></p>` +
      footer.html,
  );
  return { to: mail.to, subject, text, html, headers: unsubscribeHeaders(mail.unsubscribeUrl) };
}

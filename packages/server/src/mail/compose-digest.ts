import type { Erratum } from '@errata/core';
import { escapeHtml } from './escape-html.ts';
import { editorFooter, erratumHtml, erratumText, htmlDocument, inboxUrl, oneLine } from './mail-layout.ts';
import type { MailMessage } from './transport.ts';
import { unsubscribeHeaders } from './unsubscribe-link.ts';

/** What a daily digest lists. */
export interface DigestMail {
  to: string;
  siteName: string;
  /** The UTC day it is for, YYYY-MM-DD. */
  day: string;
  /** ISO time the digest starts at: the editor's previous digest, or a day back. */
  since: string;
  /** The site's open errata reported since then, most reports first. */
  errata: Erratum[];
  /** More open errata than the digest lists (it shows at most DIGEST_ERRATA_MAX). */
  more: number;
  publicUrl: string;
  unsubscribeUrl: string;
}

/** The daily digest of one site for one editor. */
export function composeDigestMail(mail: DigestMail): MailMessage {
  const count = mail.errata.length + mail.more;
  const summary = `${count} open errat${count === 1 ? 'um' : 'a'} reported since ${utcMinute(mail.since)}`;
  const subject = `[${oneLine(mail.siteName)}] Daily digest ${mail.day}: ${summary}`;
  const footer = editorFooter(mail.siteName, mail.unsubscribeUrl);
  const inbox = inboxUrl(mail.publicUrl);
  const more = mail.more > 0 ? `…and ${mail.more} more in the inbox.` : '';
  const text = [
    `${mail.siteName}: ${summary}.`,
    '',
    ...mail.errata.flatMap((erratum) => [...erratumText(erratum), '']),
    ...(more ? [more, ''] : []),
    `Triage them: ${inbox}`,
    '',
    footer.text,
  ].join('\n');
  const html = htmlDocument(
    subject,
    `<h1 style="font-size:18px">${escapeHtml(mail.siteName)}: ${escapeHtml(summary)}</h1>` +
      mail.errata.map(erratumHtml).join('') +
      (more ? `<p>${escapeHtml(more)}</p>` : '') +
      `<p><a href="${escapeHtml(inbox)}">Triage them in the inbox</a></p>` +
      footer.html,
  );
  return { to: mail.to, subject, text, html, headers: unsubscribeHeaders(mail.unsubscribeUrl) };
}

/** "2026-01-01 07:00 UTC" */
function utcMinute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

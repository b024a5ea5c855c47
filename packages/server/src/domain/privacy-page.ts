/**
 * The privacy page of a site (/privacy/<public key>): what Errata stores when a reader reports
 * a mistake on this site, in plain words, made from the site's own settings so it cannot say
 * one thing while the site does another. Every string from the site is escaped.
 */
import { createHash } from 'node:crypto';
import { QUOTE_CONTEXT_MAX } from '@errata/core';
import type { Kysely } from 'kysely';
import { escapeHtml } from '../mail/escape-html.ts';
import type { Database } from '../store/schema.ts';
import { ErrataError } from './errors.ts';
import { READER_CONTACT_DAYS } from './reader-contact.ts';

/** Days a report waits in the reader's browser to be sent: the widget's QUEUE_MAX_AGE_MS (packages/widget/src/delivery/queue.ts). */
export const WIDGET_QUEUE_DAYS = 7;
/** Days the widget keeps the ids of sent reports for the thank-you: its RECEIPT_MAX_AGE_MS (packages/widget/src/delivery/receipts.ts). */
export const WIDGET_RECEIPT_DAYS = 180;
/** Sent reports whose ids the widget keeps per site: its RECEIPTS_MAX (packages/widget/src/delivery/receipts.ts). */
export const WIDGET_RECEIPTS_MAX = 50;

/** What the page says, from the site's settings. */
export interface PrivacyFacts {
  /** The site's display name. */
  name: string;
  /** The key pages embed; the page's address. */
  publicKey: string;
  /** The site takes readers' e-mail addresses for a thank-you. */
  readerEmail: boolean;
  /** Days a closed erratum's reports are kept after its decision, or null for no limit. */
  retentionDays: number | null;
  /** The site publishes its verified corrections at /c/<site>. */
  publicLog: boolean;
  /** The site's id, for the corrections log's address. */
  id: string;
}

/** The facts of the site embedding `publicKey`; not_found when no site does. */
export async function privacyFactsOf(db: Kysely<Database>, publicKey: string): Promise<PrivacyFacts> {
  const row = await db
    .selectFrom('sites')
    .select(['id', 'name', 'public_key', 'reader_email', 'retention_days', 'public_log'])
    .where('public_key', '=', publicKey)
    .executeTakeFirst();
  if (!row) throw new ErrataError('not_found', `No site has the key "${publicKey}".`);
  return {
    id: row.id,
    name: row.name,
    publicKey: row.public_key,
    readerEmail: Number(row.reader_email) === 1,
    retentionDays: row.retention_days === null ? null : Number(row.retention_days),
    publicLog: Number(row.public_log) === 1,
  };
}

/** Where a site's privacy page lives: under the key its pages embed, which is public already. */
export function privacyPageUrl(publicUrl: string, publicKey: string): string {
  return `${publicUrl}/privacy/${encodeURIComponent(publicKey)}`;
}

/** The page's only styling; its hash is in the page's Content-Security-Policy, which allows nothing else. */
const PRIVACY_CSS = `body{font:16px/1.6 system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:1.75rem}li{margin:.25rem 0}`;

/** Content-Security-Policy of the privacy page: no scripts, no frames, only the one style above. */
export const PRIVACY_PAGE_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(PRIVACY_CSS).digest('base64')}'; base-uri 'none'; form-action 'none'`;

/** The privacy page, as HTML. */
export function renderPrivacyPage(facts: PrivacyFacts, publicUrl: string): string {
  const name = escapeHtml(facts.name);
  const sections = privacySections(facts, publicUrl)
    .map(({ title, paragraphs }) => `<h2>${title}</h2>\n${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reporting mistakes on ${name}: privacy</title>
<style>${PRIVACY_CSS}</style></head>
<body><h1>Reporting mistakes on ${name}: what is stored</h1>
<p>${name} lets readers report mistakes in its articles with Errata: select the words, press Ctrl+Enter (⌘+Enter on a Mac) and send. This page says what that stores, for how long, and how to have it erased. It is made from the site's settings, so it changes when they do.</p>
${sections}
</body></html>
`;
}

/** The page's sections, each paragraph HTML already escaped. */
function privacySections(facts: PrivacyFacts, publicUrl: string): { title: string; paragraphs: string[] }[] {
  const name = escapeHtml(facts.name);
  const logUrl = escapeHtml(`${publicUrl}/c/${encodeURIComponent(facts.id)}`);
  return [
    {
      title: 'What a report stores',
      paragraphs: [
        `The words you selected and up to ${QUOTE_CONTEXT_MAX} characters of text on each side of them, where they stand in the article, the page's address, title and language, the kind of mistake you chose, and the time. If you typed them, your suggested correction and your comment.`,
        `${name}'s editors read reports in Errata's inbox. They may have chosen to be told of new reports by e-mail or in their team's chat tools; such messages carry the quote, your suggestion and your comment, never anything that says who you are.`,
        facts.publicLog
          ? `When a correction is published, ${name}'s <a href="${logUrl}">public corrections log</a> shows what the page said and says now, never who reported it or what they wrote.`
          : 'Nothing about a report is published.',
      ],
    },
    {
      title: 'Your e-mail address',
      paragraphs: facts.readerEmail
        ? [
            `The report dialog offers a field for your e-mail address; leaving it empty is fine. An address you leave is used for one thing only: one mail to thank you once your correction is seen on the live page. It is deleted when that mail is sent, or after ${READER_CONTACT_DAYS} days if the correction never is. The editors' inbox does not show it; only the site's owners can look it up, when you ask them for a copy or erasure.`,
          ]
        : [`${name} does not ask for your e-mail address, and Errata stores none with your report.`],
    },
    {
      title: 'Your IP address',
      paragraphs: [
        'Your IP address is never stored. A report keeps only a hash of it made with a secret key that changes every day (UTC), so that several reports sent from one place on one day can be recognised as such (a flood of spam, say). The key is deleted once the day after is over; from then on nobody, not even whoever runs the server, can tell from a hash whose address it was, or link it to your reports of another day.',
        'To slow floods down, the server also counts the requests of each address for a minute (in memory, or in a counter its servers share), then forgets them.',
      ],
    },
    {
      title: 'How long reports are kept',
      paragraphs: [
        facts.retentionDays === null
          ? `${name} has set no time limit: reports are kept for as long as the site uses Errata.`
          : `When ${name}'s editors close a mistake (fixed, not a mistake, or spam), its reports are deleted ${facts.retentionDays} day${facts.retentionDays === 1 ? '' : 's'} after that decision, with any e-mail address left with them. The mistake itself and how many readers reported it stay, without your words. Reports of a mistake still open are kept until it is closed.`,
      ],
    },
    {
      title: 'Cookies and your browser',
      paragraphs: [
        'The report button and dialog set no cookies. They make no request of their own until you select text in the article, unless a report or a thank-you from an earlier visit is waiting.',
        `They keep a few things in your browser's local storage, for this site only (clearing the site's data removes them): a report you send while offline, until it is sent (at most ${WIDGET_QUEUE_DAYS} days); the ids of the reports you sent (the ${WIDGET_RECEIPTS_MAX} newest, at most ${WIDGET_RECEIPT_DAYS} days), so that a later visit can ask the server about those reports alone and thank you when a correction is made; and when it last asked.`,
      ],
    },
    {
      title: 'A copy, or erasure',
      paragraphs: [
        facts.readerEmail
          ? `To get a copy of what ${name} holds for the e-mail address you left, or to have it erased, contact ${name}'s editors and give that address: its owners can export or erase it in one step. Erasing deletes the address and blanks your suggestions and comments in the reports you left it with.`
          : `Reports carry no name or address, so they cannot be found by who sent them. If you can point to a report of yours (the page and the words), contact ${name}'s editors.`,
      ],
    },
  ];
}

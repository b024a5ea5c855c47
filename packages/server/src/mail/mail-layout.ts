import type { Erratum } from '@errata/core';
import { escapeHtml } from './escape-html.ts';

/** Characters of a quote shown in a subject line; the mail's body has the whole quote. */
const SUBJECT_QUOTE_MAX = 60;

/** Text for a header line: every run of white space (line breaks too) becomes one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A quote shortened for a subject line, on one line. */
export function subjectQuote(exact: string): string {
  const line = oneLine(exact);
  return line.length > SUBJECT_QUOTE_MAX ? `${line.slice(0, SUBJECT_QUOTE_MAX - 1)}…` : line;
}

/** Where an editor opens a site's inbox. */
export function inboxUrl(publicUrl: string): string {
  return `${publicUrl}/admin/`;
}

/** One erratum as plain-text lines: the quote in its context, the page, what readers suggested and said. */
export function erratumText(erratum: Erratum): string[] {
  const lines = [
    `«${erratum.quote.exact}»`,
    `  in: …${erratum.quote.prefix}[${erratum.quote.exact}]${erratum.quote.suffix}…`,
    `  page: ${erratum.title ? `${erratum.title} ` : ''}<${erratum.url}>`,
    `  reports: ${erratum.reports}`,
  ];
  for (const s of erratum.suggestions)
    lines.push(`  suggested: «${s.text}»${s.count > 1 ? ` ×${s.count}` : ''}`);
  for (const c of erratum.comments) lines.push(`  comment: ${c}`);
  return lines;
}

/** The same erratum as HTML; every reader-typed string is escaped. */
export function erratumHtml(erratum: Erratum): string {
  const e = escapeHtml;
  const suggestions = erratum.suggestions
    .map((s) => `<li>Suggested: «${e(s.text)}»${s.count > 1 ? ` ×${s.count}` : ''}</li>`)
    .join('');
  const comments = erratum.comments.map((c) => `<li>Comment: ${e(c)}</li>`).join('');
  return (
    `<div style="margin:0 0 16px;padding:8px 12px;border-left:3px solid #b45309">` +
    `<p style="margin:0 0 4px">…${e(erratum.quote.prefix)}<mark>${e(erratum.quote.exact)}</mark>${e(erratum.quote.suffix)}…</p>` +
    `<p style="margin:0 0 4px"><a href="${e(erratum.url)}">${e(erratum.title ?? erratum.url)}</a> · ${erratum.reports} report${erratum.reports === 1 ? '' : 's'}</p>` +
    (suggestions || comments ? `<ul style="margin:0;padding-left:18px">${suggestions}${comments}</ul>` : '') +
    `</div>`
  );
}

/** Wraps a mail's HTML body in a minimal document. */
export function htmlDocument(title: string, body: string): string {
  return (
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body style="font-family:system-ui,sans-serif;line-height:1.4;color:#1f2937">${body}</body></html>`
  );
}

/** The footer of an editor's mail: why they get it and how to stop. */
export function editorFooter(siteName: string, unsubscribeUrl: string): { text: string; html: string } {
  return {
    text: `You get this because you chose e-mail for ${siteName} in Errata.\nUnsubscribe: ${unsubscribeUrl}`,
    html:
      `<p style="color:#6b7280;font-size:13px">You get this because you chose e-mail for ${escapeHtml(siteName)} in Errata. ` +
      `<a href="${escapeHtml(unsubscribeUrl)}">Unsubscribe</a></p>`,
  };
}

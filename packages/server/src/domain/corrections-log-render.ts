/**
 * The corrections log as an HTML page, a JSON Feed 1.1 and an Atom feed. Every string in them
 * came from a page, a reader or an editor: each is escaped for where it goes.
 */
import { createHash } from 'node:crypto';
import { escapeHtml } from '../mail/escape-html.ts';
import type { Correction, PublicLogSite } from './corrections-log.ts';

/** The page's only styling; its hash is in the page's Content-Security-Policy, which allows nothing else. */
const LOG_CSS = `body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.5rem}ol{list-style:none;padding:0}li{border-top:1px solid #ddd;padding:.75rem 0}
time{color:#555;font-size:.875rem}del{color:#8a1c1c}ins{color:#1c6b2a;text-decoration:none}
.note{margin:.25rem 0 0;color:#333}.feeds{font-size:.875rem}`;

/** Content-Security-Policy of the log page: no scripts, no frames, only the one style above. */
export const LOG_PAGE_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(LOG_CSS).digest('base64')}'; base-uri 'none'; form-action 'none'`;

/** Where the log lives for a site: `/c/<site>` under the server's public URL. */
export function logUrls(publicUrl: string, siteId: string) {
  const page = `${publicUrl}/c/${encodeURIComponent(siteId)}`;
  return { page, json: `${page}/feed.json`, atom: `${page}/atom.xml` };
}

/** The HTML page of a site's corrections. */
export function renderLogPage(site: PublicLogSite, corrections: Correction[], publicUrl: string): string {
  const urls = logUrls(publicUrl, site.id);
  const items = corrections
    .map(
      (
        c,
      ) => `<li id="c-${escapeHtml(c.id)}"><time datetime="${escapeHtml(c.verifiedAt)}">${escapeHtml(c.verifiedAt.slice(0, 10))}</time>
<div><a href="${escapeHtml(c.url)}" rel="nofollow">${escapeHtml(c.title ?? c.url)}</a></div>
<div><del>${escapeHtml(c.was)}</del> → <ins>${escapeHtml(c.now ?? '')}</ins></div>${
        c.note ? `\n<p class="note">${escapeHtml(c.note)}</p>` : ''
      }</li>`,
    )
    .join('\n');
  const title = `Corrections: ${site.name}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="alternate" type="application/feed+json" href="${escapeHtml(urls.json)}">
<link rel="alternate" type="application/atom+xml" href="${escapeHtml(urls.atom)}">
<style>${LOG_CSS}</style></head>
<body><h1>${escapeHtml(title)}</h1>
<p class="feeds">Follow: <a href="${escapeHtml(urls.atom)}">Atom</a> · <a href="${escapeHtml(urls.json)}">JSON Feed</a></p>
${corrections.length === 0 ? '<p>No corrections yet.</p>' : `<ol>\n${items}\n</ol>`}
</body></html>
`;
}

/** A JSON Feed 1.1 of a site's corrections. */
export function renderJsonFeed(site: PublicLogSite, corrections: Correction[], publicUrl: string): string {
  const urls = logUrls(publicUrl, site.id);
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: `Corrections: ${site.name}`,
    home_page_url: urls.page,
    feed_url: urls.json,
    items: corrections.map((c) => ({
      id: `${urls.page}#c-${c.id}`,
      url: c.url,
      title: c.title ?? c.url,
      content_text: correctionText(c),
      date_published: c.verifiedAt,
    })),
  });
}

/** An Atom feed (RFC 4287) of a site's corrections. */
export function renderAtom(site: PublicLogSite, corrections: Correction[], publicUrl: string): string {
  const urls = logUrls(publicUrl, site.id);
  const updated = corrections[0]?.verifiedAt ?? new Date(0).toISOString();
  const entries = corrections
    .map(
      (c) => `<entry>
<id>${escapeXml(`${urls.page}#c-${c.id}`)}</id>
<title>${escapeXml(c.title ?? c.url)}</title>
<link href="${escapeXml(c.url)}"/>
<updated>${escapeXml(c.verifiedAt)}</updated>
<content type="text">${escapeXml(correctionText(c))}</content>
</entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>${escapeXml(`Corrections: ${site.name}`)}</title>
<id>${escapeXml(urls.page)}</id>
<link rel="self" href="${escapeXml(urls.atom)}"/>
<link href="${escapeXml(urls.page)}"/>
<updated>${escapeXml(updated)}</updated>
<author><name>${escapeXml(site.name)}</name></author>
${entries}
</feed>
`;
}

/** "X → Y", and the editor's note. */
function correctionText(c: Correction): string {
  return `«${c.was}» → «${c.now ?? ''}»${c.note ? `\n${c.note}` : ''}`;
}

/** Escapes for XML 1.0, and drops the characters XML 1.0 cannot carry at all (most control characters, lone surrogates). */
export function escapeXml(text: string): string {
  return escapeHtml(text.replace(XML_FORBIDDEN, ''));
}

const XML_FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

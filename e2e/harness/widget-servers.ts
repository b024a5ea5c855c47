/**
 * Two servers for the widget's browser tests, on two ports so the report is a cross-origin
 * request as on a real site: the site (article pages, each with its own HTML and headers)
 * and a fake Errata server that serves the built widget as the real one does (/widget.js,
 * /widget/<file>) and takes reports the way the real one does: the first arrival of a
 * clientId is stored and answered 201, any repeat 200 with the same receipt. Tests can make
 * it fail on purpose (503, 429 with Retry-After, 400 with a message) and read what it saw.
 */
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReportInput, ReportReceipt } from '@errata/core';
import type { Page } from 'playwright-core';

export const WIDGET_DIST = new URL('../../packages/widget/dist/', import.meta.url);
export const SITE_KEY = 'demo-site';

/** An answer the fake Errata server gives instead of storing a report. */
export interface ScriptedAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One POST /api/v1/reports as the fake server saw and answered it. */
export interface Post {
  body: ReportInput;
  status: number;
  contentType: string | undefined;
  cookie: string | undefined;
}

export interface WidgetServers {
  siteOrigin: string;
  errataOrigin: string;
  /** The site's pages by path: HTML and extra response headers (a CSP…). */
  pages: Map<string, { html: string; headers?: Record<string, string> }>;
  /** Every request the Errata server got, as "GET /widget.js". */
  requests: string[];
  /** Every report POSTed, in order, with the status it got. */
  posts: Post[];
  /** Reports stored: the first arrival of each clientId (or each report without one). */
  stored: ReportInput[];
  /** Answers for the next POSTs, used up in order before reports are stored again. */
  scripted: ScriptedAnswer[];
  /** Forgets requests, posts, stored reports and scripted answers. */
  reset(): void;
  close(): void;
}

export async function startWidgetServers(): Promise<WidgetServers> {
  if (!existsSync(new URL('widget.js', WIDGET_DIST))) {
    throw new Error('widget not built: run `npm run build -w @errata/widget` first');
  }
  const receipts = new Map<string, ReportReceipt>();
  const servers: WidgetServers = {
    siteOrigin: '',
    errataOrigin: '',
    pages: new Map(),
    requests: [],
    posts: [],
    stored: [],
    scripted: [],
    reset() {
      servers.requests.length = 0;
      servers.posts.length = 0;
      servers.stored.length = 0;
      servers.scripted.length = 0;
      receipts.clear();
    },
    close() {
      site.close();
      errata.close();
    },
  };

  const site = createServer((request, response) => {
    const page = servers.pages.get((request.url ?? '').split('?')[0] as string);
    if (!page) return void response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...page.headers });
    response.end(page.html);
  });

  const errata = createServer((request: IncomingMessage, response: ServerResponse) => {
    servers.requests.push(`${request.method} ${request.url}`);
    const path = (request.url ?? '').split('?')[0] as string;
    const file = path === '/widget.js' ? 'widget.js' : /^\/widget\/([\w.-]+)$/.exec(path)?.[1];
    if (request.method === 'GET' && file && existsSync(new URL(file, WIDGET_DIST))) {
      response.writeHead(200, { 'Content-Type': 'text/javascript' });
      response.end(readFileSync(new URL(file, WIDGET_DIST)));
      return;
    }
    // Retry-After is not a CORS-safelisted header: the widget reads it only if it is exposed.
    const cors = {
      'Access-Control-Allow-Origin': servers.siteOrigin,
      'Access-Control-Expose-Headers': 'Retry-After',
    };
    if (path === '/api/v1/reports' && request.method === 'POST') {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReportInput;
        const answer = servers.scripted.shift() ?? store(body);
        servers.posts.push({
          body,
          status: answer.status,
          contentType: request.headers['content-type'],
          cookie: request.headers.cookie,
        });
        response.writeHead(answer.status, { ...cors, 'Content-Type': 'application/json', ...answer.headers });
        response.end(JSON.stringify(answer.body ?? {}));
      });
      return;
    }
    if (request.method === 'OPTIONS') return void response.writeHead(204, cors).end();
    response.writeHead(404).end();
  });

  /** Stores a report the first time its clientId arrives (201) and repeats the receipt after (200). */
  function store(report: ReportInput): ScriptedAnswer {
    const known = report.clientId ? receipts.get(report.clientId) : undefined;
    if (known) return { status: 200, body: known };
    servers.stored.push(report);
    const receipt: ReportReceipt = {
      id: `r${servers.stored.length}`,
      erratum: { id: 'e1', reports: servers.stored.length, status: 'open' },
    };
    if (report.clientId) receipts.set(report.clientId, receipt);
    return { status: 201, body: receipt };
  }

  servers.siteOrigin = await listen(site);
  servers.errataOrigin = await listen(errata);
  return servers;
}

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The text of an article page's lead paragraph in each test language. */
export const LEAD =
  'Rain fell all day. The mayor of Minks said no to the new bridge. Later, the council met.';

/**
 * An article page embedding the widget. `article` is the article's inner HTML (a lead
 * paragraph by default); `script` adds attributes to the widget's script tag.
 */
export function articlePage(
  errataOrigin: string,
  {
    lang = 'en',
    dir,
    head = '',
    article = `<h1 id="headline" tabindex="-1">Council debates the bridge</h1><p id="lead">${LEAD}</p>`,
    outside = '',
    script = '',
  }: { lang?: string; dir?: string; head?: string; article?: string; outside?: string; script?: string } = {},
): string {
  return `<!doctype html>
<html${lang ? ` lang="${lang}"` : ''}${dir ? ` dir="${dir}"` : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bridge vote</title>
${head}
</head>
<body>
<header><p>Daily Example</p></header>
<main>
  <article>
    ${article}
  </article>
</main>
${outside}
<script src="${errataOrigin}/widget.js" data-site="${SITE_KEY}" ${script} async></script>
</body>
</html>`;
}

/**
 * Selects `needle` inside `selector` the way a script (or a touch screen's long press) does:
 * one range over the words, across any inline elements. `needle` is the DOM's text (a <br>
 * adds none). Fires selectionchange as a reader's selection would.
 */
export async function selectText(page: Page, selector: string, needle: string): Promise<void> {
  const selected = await page.evaluate(
    ([selector, needle]) => {
      const element = document.querySelector(selector);
      if (!element) throw new Error(`no ${selector} on the page`);
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      const nodes: { node: Text; start: number }[] = [];
      let text = '';
      while (walker.nextNode()) {
        nodes.push({ node: walker.currentNode as Text, start: text.length });
        text += walker.currentNode.nodeValue;
      }
      const found = text.indexOf(needle);
      if (found < 0) throw new Error(`no "${needle}" in ${selector}`);
      // The start falls in the last node starting at or before it; the end in the last starting before it.
      const first = nodes.filter((candidate) => candidate.start <= found).pop() as (typeof nodes)[number];
      const end = found + needle.length;
      const last = nodes.filter((candidate) => candidate.start < end).pop() as (typeof nodes)[number];
      const range = document.createRange();
      range.setStart(first.node, found - first.start);
      range.setEnd(last.node, end - last.start);
      element.scrollIntoView({ block: 'center' });
      const selection = document.getSelection() as Selection;
      selection.removeAllRanges();
      selection.addRange(range);
      return selection.toString();
    },
    [selector, needle] as const,
  );
  // A <br> is a line break on screen but no text in the DOM: compare without whitespace.
  if (selected.replace(/\s+/g, '') !== needle.replace(/\s+/g, '')) {
    throw new Error(`selected "${selected}" instead of "${needle}"`);
  }
}

/** The report dialog (inside the widget's shadow root; Playwright's locators pierce it). */
export function dialogOf(page: Page) {
  return page.locator('#errata-widget [role=dialog]');
}

/** The text the dialog's live region reads, once it reads `text`. */
export async function statusReads(page: Page, text: string, timeout = 10_000): Promise<void> {
  await page.waitForFunction(
    (text) =>
      document.getElementById('errata-widget')?.shadowRoot?.querySelector('[role=status]')?.textContent ===
      text,
    text,
    { timeout },
  );
}

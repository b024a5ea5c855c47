/**
 * The reader widget in a real browser: a reader selects words on an article page served from
 * one origin, presses Ctrl+Enter, and the widget (served, with the API, from another origin,
 * as on a real site) shows the dialog and sends the report. Needs the built widget:
 * `npm run build -w @errata/widget` (npm test builds first).
 */
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CLIENT_ID_PATTERN, QUOTE_EXACT_MAX, type ReportInput, type ReportReceipt } from '@errata/core';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, skipWithoutChromium } from './harness/browser.ts';

const WIDGET_DIST = new URL('../packages/widget/dist/', import.meta.url);
const WIDGET_FILE = new URL('widget.js', WIDGET_DIST);
const SITE_KEY = 'demo-site';
const RECEIPT: ReportReceipt = { id: 'r1', erratum: { id: 'e1', reports: 1, status: 'open' } };
const LEAD = 'Rain fell all day. The mayor of Minks said no to the new bridge. Later, the council met.';
const THANKS = 'Thank you! The editors will see it.';

/** What the fake Errata server saw of one POST /api/v1/reports. */
interface Received {
  body: ReportInput;
  contentType: string | undefined;
  cookie: string | undefined;
}

let widget: Buffer;
let siteOrigin = '';
let errataOrigin = '';
const received: Received[] = [];
let preflights = 0;
/** What the fake server answers to the next reports. */
let answer: { status: number; body: unknown } = { status: 201, body: RECEIPT };

/** The article page; `strict` serves it under a CSP that forbids inline styles and scripts. */
function articlePage(strict: boolean): string {
  // A careless page: if any of this reached the dialog, its controls would be invisible.
  const hostileStyle = strict
    ? ''
    : '<style>body{font:18px/1.6 serif;margin:40px}dialog,button,mark,textarea[name]{display:none!important}body>:last-child{display:none!important;visibility:hidden!important}*{color:#c00}</style>';
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Bridge vote in Minks</title>
<link rel="canonical" href="/news/bridge-vote">
${hostileStyle}
</head>
<body>
<header><p>Daily Example</p></header>
<main>
  <article>
    <h1 id="headline" tabindex="-1">Council debates the bridge</h1>
    <p id="lead">${LEAD}</p>
    <p id="audit">Auditors said the <a href="#audit">full <em>audit</em> report</a> was publshed on Tuesday.</p>
  </article>
</main>
<aside><label>Notes <textarea id="notes">Call the mayor back.</textarea></label></aside>
<script src="${errataOrigin}/widget.js" data-site="${SITE_KEY}" async></script>
</body>
</html>`;
}

function serveSite(request: IncomingMessage, response: ServerResponse): void {
  const strict = request.url === '/strict';
  if (request.url !== '/news/bridge-vote?ref=home' && !strict) {
    response.writeHead(404).end();
    return;
  }
  const csp = `default-src 'none'; script-src ${errataOrigin}; connect-src ${errataOrigin}; style-src 'self'`;
  response.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    ...(strict && { 'Content-Security-Policy': csp }),
  });
  response.end(articlePage(strict));
}

function serveErrata(request: IncomingMessage, response: ServerResponse): void {
  if (request.method === 'GET' && request.url === '/widget.js') {
    // A cookie for the Errata origin, to check that reports do not carry it.
    response.writeHead(200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Set-Cookie': 'errata_probe=1; Path=/',
    });
    response.end(widget);
    return;
  }
  // The parts the loader fetches on demand (/widget/widget-dialog-<hash>.js…), as the Errata server serves them.
  const part = /^\/widget\/(widget-[\w-]+\.js)$/.exec(request.url ?? '')?.[1];
  if (request.method === 'GET' && part && existsSync(new URL(part, WIDGET_DIST))) {
    response.writeHead(200, { 'Content-Type': 'text/javascript' });
    response.end(readFileSync(new URL(part, WIDGET_DIST)));
    return;
  }
  const cors = { 'Access-Control-Allow-Origin': siteOrigin };
  if (request.url === '/api/v1/reports' && request.method === 'OPTIONS') {
    preflights++;
    response.writeHead(204, { ...cors, 'Access-Control-Allow-Headers': 'content-type' }).end();
    return;
  }
  if (request.url === '/api/v1/reports' && request.method === 'POST') {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReportInput,
        contentType: request.headers['content-type'],
        cookie: request.headers.cookie,
      });
      response.writeHead(answer.status, { ...cors, 'Content-Type': 'application/json' });
      response.end(JSON.stringify(answer.body));
    });
    return;
  }
  response.writeHead(404).end();
}

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Where the mouse must press to start (or release to end) a selection at an edge of `needle` inside `selector`. */
async function edgeOf(page: Page, selector: string, needle: string, edge: 'start' | 'end') {
  return page.evaluate(
    ([selector, needle, edge]) => {
      const element = document.querySelector(selector);
      if (!element) throw new Error(`no ${selector} on the page`);
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      let text = '';
      const nodes: { node: Text; start: number }[] = [];
      while (walker.nextNode()) {
        nodes.push({ node: walker.currentNode as Text, start: text.length });
        text += walker.currentNode.nodeValue;
      }
      const found = text.indexOf(needle);
      if (found < 0) throw new Error(`no "${needle}" in ${selector}`);
      // The first or last character of the needle; 1px inside its box so the caret lands on the right side.
      const at = edge === 'start' ? found : found + needle.length - 1;
      const { node, start } = nodes
        .filter((candidate) => candidate.start <= at)
        .pop() as (typeof nodes)[number];
      const range = document.createRange();
      range.setStart(node, at - start);
      range.setEnd(node, at - start + 1);
      const box = range.getBoundingClientRect();
      return { x: edge === 'start' ? box.left + 1 : box.right - 1, y: box.top + box.height / 2 };
    },
    [selector, needle, edge] as const,
  );
}

/** Selects exactly `needle` inside `selector` by dragging the mouse over it, as a reader does. */
async function selectWithMouse(page: Page, selector: string, needle: string): Promise<void> {
  const from = await edgeOf(page, selector, needle, 'start');
  const to = await edgeOf(page, selector, needle, 'end');
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
  expect(await page.evaluate(() => document.getSelection()?.toString())).toBe(needle);
}

/** The article root's text, the reference the report's offsets must match. */
async function articleText(page: Page): Promise<string> {
  return page.evaluate(() => document.querySelector('article')?.textContent ?? '');
}

function dialogOf(page: Page): Locator {
  return page.locator('#errata-widget [role=dialog]');
}

/** Waits until the dialog's live region reads `text`; a failure shows what it read instead. */
async function expectStatus(dialog: Locator, text: string): Promise<void> {
  await expect.poll(() => dialog.getByRole('status').textContent(), { timeout: 10_000 }).toBe(text);
}

/** The dialog control that has the focus, by name or button text; null when the focus is elsewhere. */
async function focusedControl(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const active = document.getElementById('errata-widget')?.shadowRoot?.activeElement;
    return active ? active.getAttribute('name') || active.textContent : null;
  });
}

async function reportWithShortcut(page: Page, selector: string, needle: string): Promise<Locator> {
  await selectWithMouse(page, selector, needle);
  await page.keyboard.press('Control+Enter');
  const dialog = dialogOf(page);
  await dialog.waitFor();
  return dialog;
}

/** The quote and position a report of root text [start, end) must carry. */
function selectorsAt(text: string, start: number, end: number): Pick<ReportInput, 'quote' | 'position'> {
  return {
    quote: {
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - 64), start),
      suffix: text.slice(end, end + 64),
    },
    position: { start, end },
  };
}

describe.skipIf(skipWithoutChromium())('the reader widget', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const servers: Server[] = [];

  beforeAll(async () => {
    if (!existsSync(WIDGET_FILE))
      throw new Error('widget not built: run `npm run build -w @errata/widget` first');
    widget = readFileSync(WIDGET_FILE);
    const site = createServer(serveSite);
    const errata = createServer(serveErrata);
    servers.push(site, errata);
    // Two ports are two origins: the report is a cross-origin request, as on a real site.
    siteOrigin = await listen(site);
    errataOrigin = await listen(errata);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    for (const server of servers) server.close();
  });

  beforeEach(async () => {
    received.length = 0;
    preflights = 0;
    answer = { status: 201, body: RECEIPT };
    context = await browser.newContext();
    // A stuck step fails well before the test's own timeout, with Playwright's account of it.
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    await page.goto(`${siteOrigin}/news/bridge-vote?ref=home`);
    await page.waitForFunction(() => 'Errata' in window);
  });

  afterEach(async () => {
    await context?.close();
  });

  it('sends a mouse-selected word with its context, the page and the correction, and thanks the reader', async () => {
    const dialog = await reportWithShortcut(page, '#lead', 'Minks');
    expect(await dialog.locator('mark').textContent()).toBe('Minks');
    expect(await dialog.locator('blockquote').textContent()).toBe(
      'The mayor of Minks said no to the new bridge.',
    );
    expect(await focusedControl(page)).toBe('suggestion');
    expect(await dialog.locator('[name=suggestion]').inputValue()).toBe('Minks');

    await dialog.locator('[name=suggestion]').fill('Minsk');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await expectStatus(dialog, THANKS);

    const text = await articleText(page);
    const start = text.indexOf('Minks');
    expect(received).toHaveLength(1);
    expect(received[0]?.body).toStrictEqual({
      site: SITE_KEY,
      // The address the page was served from (its origin is checked), and its canonical link.
      url: `${siteOrigin}/news/bridge-vote?ref=home`,
      canonical: `${siteOrigin}/news/bridge-vote`,
      title: 'Bridge vote in Minks',
      lang: 'en-GB',
      // The element the position counts in: the page's first (and only) <article>.
      root: { selector: 'article', index: 0 },
      ...selectorsAt(text, start, start + 'Minks'.length),
      suggestion: 'Minsk',
      // The kind the reader left chosen: a typo.
      kind: 'typo',
      // The report's own id, so that a resend counts once.
      clientId: expect.stringMatching(new RegExp(CLIENT_ID_PATTERN)),
    });
    // A CORS simple request without cookies: no preflight, nothing that identifies the reader.
    expect(received[0]?.contentType).toBe('text/plain;charset=UTF-8');
    expect(received[0]?.cookie).toBeUndefined();
    expect(preflights).toBe(0);

    // The thank-you closes by itself.
    await page.locator('#errata-widget').waitFor({ state: 'detached' });
  });

  it('quotes a selection across a link and an emphasis as the words the reader sees', async () => {
    const dialog = await reportWithShortcut(page, '#audit', 'the full audit report');
    expect(await dialog.locator('mark').textContent()).toBe('the full audit report');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await expectStatus(dialog, THANKS);

    const text = await articleText(page);
    const start = text.indexOf('the full audit report');
    const report = received[0]?.body as ReportInput;
    expect(report).toMatchObject(selectorsAt(text, start, start + 'the full audit report'.length));
    // The correction was left as the quote: no suggestion is sent.
    expect(report).not.toHaveProperty('suggestion');
    expect(report).not.toHaveProperty('comment');
  });

  it('trims the spaces around a sloppy selection', async () => {
    const dialog = await reportWithShortcut(page, '#lead', ' said ');
    expect(await dialog.locator('mark').textContent()).toBe('said');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await expectStatus(dialog, THANKS);

    const report = received[0]?.body as ReportInput;
    const text = await articleText(page);
    expect(report.quote.exact).toBe('said');
    expect(text.slice(report.position.start, report.position.end)).toBe('said');
  });

  it('reports a whole paragraph selected with a triple click', async () => {
    // Chromium ends this selection at the start of the next paragraph: an element boundary, not a text one.
    const point = await edgeOf(page, '#lead', 'mayor', 'start');
    await page.mouse.click(point.x, point.y, { clickCount: 3 });
    await page.keyboard.press('Control+Enter');
    await dialogOf(page).getByRole('button', { name: 'Send' }).click();
    await expectStatus(dialogOf(page), THANKS);

    const report = received[0]?.body as ReportInput;
    expect(report.quote.exact).toBe(LEAD);
    expect((await articleText(page)).slice(report.position.start, report.position.end)).toBe(LEAD);
  });

  it('closes on Escape without sending anything and gives the focus back', async () => {
    await selectWithMouse(page, '#lead', 'Minks');
    await page.focus('#headline');
    await page.keyboard.press('Control+Enter');
    await dialogOf(page).waitFor();
    await page.keyboard.press('Escape');
    await page.locator('#errata-widget').waitFor({ state: 'detached' });
    await page.waitForTimeout(200);
    expect(received).toHaveLength(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('headline');
  });

  it('keeps Tab and Shift+Tab inside the dialog', async () => {
    await reportWithShortcut(page, '#lead', 'Minks');
    const visited: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      visited.push(await focusedControl(page));
    }
    // From the last control back to the first (the kind of mistake), and from the first back to the last.
    expect(visited).toEqual(['comment', 'Cancel', 'Send', 'kind']);
    await page.keyboard.press('Shift+Tab');
    expect(await focusedControl(page)).toBe('Send');
  });

  it("shows the server's error and keeps the typed correction for a retry", async () => {
    const error = 'url is not a page of this site';
    answer = { status: 400, body: { error, fields: { url: 'is not a page of this site' } } };
    const dialog = await reportWithShortcut(page, '#lead', 'Minks');
    const correction = dialog.locator('[name=suggestion]');
    await correction.fill('Minsk');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await expectStatus(dialog, error);
    expect(await correction.inputValue()).toBe('Minsk');
    expect(await dialog.getByRole('button', { name: 'Send' }).isEnabled()).toBe(true);

    // Ctrl+Enter in the dialog sends again.
    answer = { status: 201, body: RECEIPT };
    await correction.focus();
    await page.keyboard.press('Control+Enter');
    await expectStatus(dialog, THANKS);
    expect(received.map((report) => report.body.suggestion)).toEqual(['Minsk', 'Minsk']);
  });

  it('explains instead of sending when the selection is longer than a quote may be', async () => {
    await page.evaluate((length) => {
      const long = document.createElement('p');
      long.id = 'long';
      long.textContent = 'The council read the whole budget aloud. '.repeat(Math.ceil(length / 40));
      document.querySelector('article')?.append(long);
    }, QUOTE_EXACT_MAX + 1);
    await page.click('#long', { clickCount: 3 });
    await page.keyboard.press('Control+Enter');
    const dialog = dialogOf(page);
    await expectStatus(
      dialog,
      `The selection is too long to report. Please select at most ${QUOTE_EXACT_MAX} characters: a word or a sentence.`,
    );
    expect(await dialog.locator('textarea').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.locator('#errata-widget').waitFor({ state: 'detached' });
    expect(received).toHaveLength(0);
  });

  it('leaves Ctrl+Enter alone while the reader types in a page textarea', async () => {
    // The article's words stay selected while the focus is in the textarea: only the focus tells.
    const state = await page.evaluate(() => {
      const notes = document.getElementById('notes') as HTMLTextAreaElement;
      notes.focus();
      const lead = document.getElementById('lead')?.firstChild as Text;
      const range = document.createRange();
      range.setStart(lead, 32);
      range.setEnd(lead, 37);
      document.getSelection()?.removeAllRanges();
      document.getSelection()?.addRange(range);
      return { focused: document.activeElement === notes, selected: range.toString() };
    });
    expect(state).toEqual({ focused: true, selected: 'Minks' });
    await page.keyboard.press('Control+Enter');
    await page.waitForTimeout(300);
    expect(await page.locator('#errata-widget').count()).toBe(0);
  });

  it('works styled under a Content-Security-Policy that forbids inline styles', async () => {
    // Chromium reports every CSP violation as a console error.
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${siteOrigin}/strict`);
    await page.waitForFunction(() => 'Errata' in window);
    const dialog = await reportWithShortcut(page, '#lead', 'Minks');
    expect(await dialog.evaluate((element) => getComputedStyle(element).borderTopLeftRadius)).toBe('12px');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await expectStatus(dialog, THANKS);
    expect(received).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('fits a 390px phone screen, opened from the page API', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const opened = await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector('#audit em') as Element);
      document.getSelection()?.addRange(range);
      return window.Errata?.open();
    });
    expect(opened).toBe(true);
    const box = await dialogOf(page).boundingBox();
    expect(box?.x).toBeGreaterThanOrEqual(8);
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390 - 8);
    expect(await dialogOf(page).locator('mark').textContent()).toBe('audit');
  });
});

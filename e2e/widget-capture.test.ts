/**
 * The reader widget in a real browser against the real server: a reader selects words on an
 * article page served from one origin, presses Ctrl+Enter, and the widget (served, with the
 * API, from the Errata server's origin, as on a real site) shows the dialog and sends the
 * report, which the server stores as the reader selected it. Needs the built widget:
 * `npm run build -w @errata/widget` (npm test builds first).
 */
import { CLIENT_ID_PATTERN, QUOTE_EXACT_MAX, type ReportInput } from '@errata/core';
import type { Locator, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { articlePage, type Embed, LEAD } from './harness/article-page.ts';
import { ROUND_TRIP, skipWithoutChromium } from './harness/browser.ts';
import { dragOver, edgeOf } from './harness/select-text.ts';
import { dialogOf, widgetTookShortcut } from './harness/widget-page.ts';
import { useWidgetSite } from './harness/widget-site.ts';

const THANKS = 'Thank you! The editors will see it.';
const ARTICLE_PATH = '/news/bridge-vote?ref=home';

/**
 * The article page, with a careless page's CSS unless `strict` (then it is served under a CSP
 * that forbids inline styles and scripts); `script` adds attributes to the embed's script tag.
 */
function bridgeVotePage(embed: Embed, { strict = false, script = '' } = {}): string {
  // A careless page: if any of this reached the dialog, its controls would be invisible.
  const hostileStyle = strict
    ? ''
    : '<style>body{font:18px/1.6 serif;margin:40px}dialog,button,mark,textarea[name]{display:none!important}body>:last-child{display:none!important;visibility:hidden!important}*{color:#c00}</style>';
  return articlePage(embed, {
    lang: 'en-GB',
    title: 'Bridge vote in Minks',
    head: `<link rel="canonical" href="/news/bridge-vote">${hostileStyle}`,
    article: `<h1 id="headline" tabindex="-1">Council debates the bridge</h1>
    <p id="lead">${LEAD}</p>
    <p id="audit">Auditors said the <a href="#audit">full <em>audit</em> report</a> was publshed on Tuesday.</p>`,
    outside: '<aside><label>Notes <textarea id="notes">Call the mayor back.</textarea></label></aside>',
    script,
  });
}

/** Selects exactly `needle` inside `selector` by dragging the mouse over it, as a reader does. */
async function selectWithMouse(page: Page, selector: string, needle: string): Promise<void> {
  expect(await dragOver(page, selector, needle)).toBe(needle);
}

/** The article root's text, the reference the report's offsets must match. */
async function articleText(page: Page): Promise<string> {
  return page.evaluate(() => document.querySelector('article')?.textContent ?? '');
}

/** Waits until the dialog's live region reads `text`; a failure shows what it read instead. */
async function expectStatus(dialog: Locator, text: string): Promise<void> {
  await expect.poll(() => dialog.getByRole('status').textContent(), ROUND_TRIP).toBe(text);
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
  const site = useWidgetSite({
    pages: (embed) => ({
      [ARTICLE_PATH]: bridgeVotePage(embed),
      // The site does not take readers' e-mail addresses, but this page's embed offers the field.
      '/news/bridge-vote?ref=email': bridgeVotePage(embed, { script: 'data-reader-email="on"' }),
      '/strict': {
        html: bridgeVotePage(embed, { strict: true }),
        headers: {
          'Content-Security-Policy': `default-src 'none'; script-src ${embed.origin}; connect-src ${embed.origin}; style-src 'self'`,
        },
      },
    }),
  });
  let page: Page;

  beforeEach(async () => {
    page = await site.open(ARTICLE_PATH);
    // A cookie for the Errata server's host, to check that reports do not carry it.
    await page.context().addCookies([{ name: 'errata_probe', value: '1', url: site.embed.origin }]);
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
    const sent = site.sentReports();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toStrictEqual({
      site: site.embed.key,
      // The address the page was served from (its origin is checked), and its canonical link.
      url: `${site.origin}${ARTICLE_PATH}`,
      canonical: `${site.origin}/news/bridge-vote`,
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
    const [post] = site.traffic.reportPosts();
    expect(post?.headers['content-type']).toBe('text/plain;charset=UTF-8');
    expect(post?.headers.cookie).toBeUndefined();
    expect(site.traffic.requests().filter((request) => request.startsWith('OPTIONS'))).toEqual([]);
    // The server keeps it under the page's canonical address, as the reader selected it.
    expect(await site.reports()).toMatchObject([
      {
        clientId: sent[0]?.clientId,
        url: `${site.origin}/news/bridge-vote`,
        ...selectorsAt(text, start, start + 'Minks'.length),
        suggestion: 'Minsk',
      },
    ]);

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
    expect(await site.reports()).toMatchObject([
      {
        ...selectorsAt(text, start, start + 'the full audit report'.length),
        suggestion: null,
        comment: null,
      },
    ]);
    // The correction was left as the quote: no suggestion is sent.
    expect(site.sentReports()[0]).not.toHaveProperty('suggestion');
    expect(site.sentReports()[0]).not.toHaveProperty('comment');
  });

  it('trims the spaces around a sloppy selection', async () => {
    const dialog = await reportWithShortcut(page, '#lead', ' said ');
    expect(await dialog.locator('mark').textContent()).toBe('said');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await expectStatus(dialog, THANKS);

    const [report] = await site.reports();
    const text = await articleText(page);
    expect(report?.quote.exact).toBe('said');
    expect(text.slice(report?.position.start, report?.position.end)).toBe('said');
  });

  it('reports a whole paragraph selected with a triple click', async () => {
    // Chromium ends this selection at the start of the next paragraph: an element boundary, not a text one.
    const point = await edgeOf(page, '#lead', 'mayor', 'start');
    await page.mouse.click(point.x, point.y, { clickCount: 3 });
    await page.keyboard.press('Control+Enter');
    await dialogOf(page).getByRole('button', { name: 'Send' }).click();
    await expectStatus(dialogOf(page), THANKS);

    const [report] = await site.reports();
    expect(report?.quote.exact).toBe(LEAD);
    expect((await articleText(page)).slice(report?.position.start, report?.position.end)).toBe(LEAD);
  });

  it('closes on Escape without sending anything and gives the focus back', async () => {
    await selectWithMouse(page, '#lead', 'Minks');
    await page.focus('#headline');
    await page.keyboard.press('Control+Enter');
    await dialogOf(page).waitFor();
    await page.keyboard.press('Escape');
    await page.locator('#errata-widget').waitFor({ state: 'detached' });
    await site.traffic.marker(page);
    expect(site.traffic.reportPosts()).toEqual([]);
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
    await page.goto(`${site.origin}/news/bridge-vote?ref=email`);
    await page.waitForFunction(() => 'Errata' in window);
    const dialog = await reportWithShortcut(page, '#lead', 'Minks');
    const correction = dialog.locator('[name=suggestion]');
    await correction.fill('Minsk');
    const email = dialog.locator('input[type=email]');
    await email.fill('reader@example.org');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await expectStatus(
      dialog,
      `The site "${site.id}" does not take readers' e-mail addresses: send the report without one.`,
    );
    expect(await correction.inputValue()).toBe('Minsk');
    expect(await dialog.getByRole('button', { name: 'Send' }).isEnabled()).toBe(true);

    // The reader does as told; Ctrl+Enter in the dialog sends again.
    await email.fill('');
    await correction.focus();
    await page.keyboard.press('Control+Enter');
    await expectStatus(dialog, THANKS);
    expect(site.traffic.reportPosts().map((post) => post.status)).toEqual([400, 201]);
    expect(site.sentReports().map((report) => report.suggestion)).toEqual(['Minsk', 'Minsk']);
    expect(await site.reports()).toMatchObject([{ suggestion: 'Minsk', email: null }]);
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
    await site.traffic.marker(page);
    expect(site.traffic.reportPosts()).toEqual([]);
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
    expect(await widgetTookShortcut(page)).toBe(false);
    expect(await page.locator('#errata-widget').count()).toBe(0);
  });

  it('works styled under a Content-Security-Policy that forbids inline styles', async () => {
    // Chromium reports every CSP violation as a console error.
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${site.origin}/strict`);
    await page.waitForFunction(() => 'Errata' in window);
    const dialog = await reportWithShortcut(page, '#lead', 'Minks');
    expect(await dialog.evaluate((element) => getComputedStyle(element).borderTopLeftRadius)).toBe('12px');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await expectStatus(dialog, THANKS);
    expect(await site.reports()).toHaveLength(1);
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

/**
 * Takes the README's screenshots against a real server and a real browser, the way the
 * end-to-end test drives them (e2e/vertical-slice.test.ts):
 *
 * - docs/screenshots/dialog.png: a reader on the demo newsroom has selected a misspelt place
 *   name and pressed Ctrl+Enter; the report dialog is open with a correction and a comment.
 * - docs/screenshots/inbox.png: the editor's inbox after a handful of readers (each in a
 *   browser profile of their own) reported mistakes on two demo pages.
 * - docs/screenshots/detail.png: the same inbox with the most reported erratum's detail open
 *   beside the list: its suggestions as diffs, the comments, the reports.
 * - docs/screenshots/phone.png: the inbox on a phone, for the editor on duty.
 *
 * Run with `npm run screenshots` (builds the widget and the dashboard first).
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from '../e2e/harness/browser.ts';
import { OWNER, startTestServer } from '../e2e/harness/errata-server.ts';
import { selectWithMouse } from '../e2e/harness/select-text.ts';

interface PlantedMistake {
  page: string;
  exact: string;
  correction: string;
  kind: string;
}

/** One reader's report of a planted mistake: what they type in the dialog. */
interface Reading {
  /** The correction typed; null leaves the field as the quote (no correction sent). */
  suggestion: string | null;
  comment?: string;
}

const ROOT = new URL('../', import.meta.url);
const OUT_DIR = new URL('docs/screenshots/', ROOT);
/** Longest inbox screenshot before it is cut to the viewport: a README image, not a poster. */
const INBOX_MAX_HEIGHT = 1800;
/** The wide screen of the detail shot, and the phone (an iPhone 12–15 in CSS pixels). */
const DESK = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const mistakes = JSON.parse(
  readFileSync(new URL('examples/newsroom/mistakes.json', ROOT), 'utf8'),
) as PlantedMistake[];

function mistake(kind: string, page?: string): PlantedMistake {
  const found = mistakes.find((m) => m.kind === kind && (page === undefined || m.page === page));
  if (!found) throw new Error(`no planted ${kind} mistake${page ? ` on ${page}` : ''} in mistakes.json`);
  return found;
}

const placeName = mistake('place-name');
const secondPage = mistakes.find((m) => m.page !== placeName.page)?.page;
if (!secondPage) throw new Error('mistakes.json plants mistakes on a single page only');

/** Light, 1x, no animations: the same pixels on every run. */
const CONTEXT: BrowserContextOptions = {
  deviceScaleFactor: 1,
  colorScheme: 'light',
  reducedMotion: 'reduce',
};

/**
 * Whom the inbox shows, besides the reader in the dialog screenshot: 1–3 readers per mistake.
 * The inbox lists pages and errata latest report first, so they are sent bottom-up: the
 * place name the dialog reports, with the most readers, ends up on top.
 */
const inbox: { mistake: PlantedMistake; readers: Reading[] }[] = [
  {
    mistake: mistake('quotation-mark', secondPage),
    readers: [{ suggestion: null, comment: 'The closing quotation mark faces the wrong way.' }],
  },
  { mistake: mistake('doubled-word', secondPage), readers: [{ suggestion: 'the' }] },
  {
    mistake: mistake('place-name', secondPage),
    readers: [{ suggestion: mistake('place-name', secondPage).correction }, { suggestion: 'Göteborg' }],
  },
  { mistake: mistake('missing-space', placeName.page), readers: [{ suggestion: 'harbour. The' }] },
  {
    mistake: mistake('fact', placeName.page),
    readers: [
      { suggestion: '1899' },
      { suggestion: '1898' },
      { suggestion: '1898', comment: 'The plaque on the east pier says it opened in 1898.' },
    ],
  },
  {
    mistake: placeName,
    readers: [{ suggestion: placeName.correction }, { suggestion: placeName.correction.toLowerCase() }],
  },
];

/** Polls until `check` holds; Playwright's own waits do not reach every condition used here. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function outPath(name: string): string {
  return fileURLToPath(new URL(name, OUT_DIR));
}

/**
 * One reader, in a browser profile of their own, selects the mistake with the mouse, presses
 * Ctrl+Enter, fills in the dialog and sends it. With `screenshot`, the page is captured with
 * the filled-in dialog open just before sending.
 */
async function report(
  browser: Browser,
  url: string,
  planted: PlantedMistake,
  reading: Reading,
  screenshot?: string,
): Promise<void> {
  const context = await browser.newContext({ ...CONTEXT, viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.goto(`${url}/demo/${planted.page}`);
    await page.waitForFunction(() => 'Errata' in window);
    const selected = await selectWithMouse(page, planted.exact);
    if (selected !== planted.exact) throw new Error(`selected "${selected}" instead of "${planted.exact}"`);
    await page.keyboard.press('Control+Enter');

    const dialog = page.getByRole('dialog', { name: 'Report a mistake' });
    await dialog.waitFor({ state: 'visible' });
    if (reading.suggestion !== null)
      await dialog.locator('textarea[name="suggestion"]').fill(reading.suggestion);
    if (reading.comment) {
      const comment = dialog.locator('textarea[name="comment"]');
      await comment.click();
      await comment.pressSequentially(reading.comment);
    }
    if (screenshot) {
      // Back to the masthead: the picture should say "a news page" before "a dialog".
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: screenshot, animations: 'disabled' });
    }

    await dialog.getByRole('button', { name: 'Send' }).click();
    const status = dialog.getByRole('status');
    await until(`the thank-you for "${planted.exact}"`, async () => {
      const text = (await status.textContent()) ?? '';
      if ((await status.getAttribute('class'))?.includes('error')) throw new Error(`widget said: ${text}`);
      return text === 'Thank you! The editors will see it.';
    });
  } finally {
    await context.close();
  }
}

/** Where the dashboard's screenshots go. */
interface InboxShots {
  inbox: string;
  detail: string;
  phone: string;
}

/** Opens the signed-in inbox in a new tab of `context` at `viewport` and waits for every erratum. */
async function openInbox(
  context: BrowserContext,
  url: string,
  errata: number,
  viewport: { width: number; height: number },
): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(`${url}/admin/`);
  const cards = page.locator('article.erratum');
  await until(`${errata} cards in the inbox`, async () => (await cards.count()) === errata);
  return page;
}

/** Nothing in a screenshot should look focused or hovered by the steps that led to it. */
async function settle(page: Page): Promise<void> {
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

/**
 * Signs in to the dashboard as the owner once, then captures the inbox once every erratum
 * shows, the inbox with the top erratum's detail open, and the inbox on a phone.
 */
async function captureInbox(browser: Browser, url: string, errata: number, shots: InboxShots): Promise<void> {
  const context = await browser.newContext({ ...CONTEXT, viewport: { width: 1280, height: 900 } });
  try {
    const signIn = await context.newPage();
    await signIn.goto(`${url}/admin/`);
    await signIn.locator('input[name="email"]').fill(OWNER.email);
    await signIn.locator('input[name="password"]').fill(OWNER.password);
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await signIn.locator('.inbox').waitFor();
    await signIn.close();

    const page = await openInbox(context, url, errata, { width: 1280, height: 900 });
    await settle(page);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.screenshot({
      path: shots.inbox,
      animations: 'disabled',
      fullPage: height <= INBOX_MAX_HEIGHT,
    });

    await page.setViewportSize(DESK);
    await page.locator('article.erratum').first().getByRole('button', { name: 'Details' }).click();
    await page.locator('.detail .audit-log, .detail .report-timeline').first().waitFor();
    await settle(page);
    await page.screenshot({ path: shots.detail, animations: 'disabled' });
    await page.close();

    const phone = await openInbox(context, url, errata, PHONE);
    await settle(phone);
    await phone.screenshot({ path: shots.phone, animations: 'disabled' });
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  const written: string[] = [];
  // The usual port, so the page addresses in the inbox read as they do after npm start.
  const server = await startTestServer(Number(process.env.PORT ?? 8080));
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();

    const dialogPng = outPath('dialog.png');
    await report(
      browser,
      server.url,
      placeName,
      { suggestion: placeName.correction, comment: 'The city is spelt with two t’s.' },
      dialogPng,
    );
    written.push(dialogPng);

    for (const { mistake: planted, readers } of inbox) {
      for (const reading of readers) await report(browser, server.url, planted, reading);
    }

    const shots: InboxShots = {
      inbox: outPath('inbox.png'),
      detail: outPath('detail.png'),
      phone: outPath('phone.png'),
    };
    await captureInbox(browser, server.url, inbox.length, shots);
    written.push(shots.inbox, shots.detail, shots.phone);
  } finally {
    await browser?.close();
    await server.stop();
  }
  const root = fileURLToPath(ROOT);
  for (const path of written) {
    console.log(`wrote ${relative(root, path)} (${Math.round(statSync(path).size / 1024)} KB)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

/**
 * How right Errata is on real pages: each saved article page of the corpus is served from a
 * loopback origin with the widget embedded, a reader reports up to five words of its story
 * through the real widget in Chromium, the real server rechecks the unchanged page (every
 * erratum must be still there), then the first reported word is corrected in the page's HTML,
 * that erratum marked fixed and the page rechecked (it must be verified with the new word, the
 * others still there), then the sentence of the second is reworded around it and rechecked
 * (still there). On half the pages a script of the page writes text in the reader's browser
 * that the server never sees (SCRIPT_WRITES). Used by e2e/real-pages.test.ts and by `npm run bench`.
 *
 * The recheck is the server's own Rechecker over the server's database, the one its
 * POST /api/v1/pages/recheck runs, built here without the 2 s pause between two fetches of
 * one host: all the pages live on one host, and the pause would add four minutes to the run
 * and measure nothing. Marking fixed goes through the API, as an editor's would.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ReportReceipt } from '@errata/core';
import { createApiToken, type Store } from '@errata/server';
import {
  addCheckedSite,
  HostPoliteness,
  type PageServer,
  Rechecker,
  startPageServer,
  underCi,
} from '@errata/server/testing';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { type CorpusResult, count, emptyResult, fail } from './corpus-result.ts';
import { startTestServer } from './errata-server.ts';
import { replaceAt, type WordInSource, type WordInTextNode, wordLocator } from './source-occurrence.ts';
import { selectWord, storyWords } from './story-words.ts';

/** The corpus: `../shared/data/real-pages` beside the repository (see its SOURCE.md). */
export const REAL_PAGES_DIR = new URL('../../../shared/data/real-pages/', import.meta.url);
const WIDGET_FILE = new URL('../../packages/widget/dist/widget.js', import.meta.url);

const SITE = 'corpus';
/** addCheckedSite gives a site the public key `<id>-key`. */
const SITE_KEY = `${SITE}-key`;
const WIDGET_WAIT_MS = 10_000;
const DIALOG_WAIT_MS = 5_000;
const ANSWER_WAIT_MS = 10_000;
const SERVER_ENV = {
  // About 200 reports from one address in a few minutes: over the default per-minute limit, which is not what is measured.
  ERRATA_REPORTS_PER_MINUTE: '1000000',
  // Only the run's own rechecks: the server's scheduler neither checks a page marked fixed nor plans daily passes.
  ERRATA_RECHECK_DELAY: String(7 * 24 * 3600),
  ERRATA_RECHECK_INTERVAL: '0',
};
/**
 * Chromium resolves no host name but the two servers': the route below stops requests, and
 * this stops what never becomes one (DNS prefetch, preconnect), so nothing leaves the machine.
 */
const RESOLVE_ONLY_LOOPBACK = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost';

export interface CorpusOptions {
  /** The folder of pages (default REAL_PAGES_DIR). */
  dir?: URL;
  /** Only the pages whose file name contains one of these. */
  only?: readonly string[];
  /** A line per page, for progress. */
  log?: (message: string) => void;
}

/** Why the corpus cannot run here (no pages folder), or null when it can. */
export function realPagesUnavailable(dir: URL = REAL_PAGES_DIR): string | null {
  return pageFiles(dir).length > 0 ? null : `no saved pages in ${fileURLToPath(dir)}`;
}

/** True when the corpus test must be skipped; prints the reason. Throws under CI, where the pages must be there. */
export function skipWithoutRealPages(): boolean {
  const reason = realPagesUnavailable();
  if (reason === null) return false;
  if (underCi()) throw new Error(`the real-pages corpus must run under CI: ${reason}`);
  console.warn(`skipping the real-pages corpus: ${reason}`);
  return true;
}

/** A word chosen on a page with its place in the page's source. */
interface ChosenWord {
  target: WordInTextNode;
  source: WordInSource;
}

/** A word whose report the server stored. */
interface ReportedWord extends ChosenWord {
  erratumId: string;
}

/** What a recheck said of one erratum, or why there was no answer. */
interface Verdict {
  status: string;
  state: string;
  reason: string | null;
  replacedBy: string | null;
}

/** Everything one page's run needs. */
interface Run {
  server: Awaited<ReturnType<typeof startTestServer>>;
  pages: PageServer;
  browser: Browser;
  api: (path: string, method: string, body: unknown) => Promise<Response>;
  rechecker: Rechecker;
  result: CorpusResult;
}

/** Runs the whole corpus: one Errata server, one page server, one browser, a fresh context per page. */
export async function runRealPagesCorpus(options: CorpusOptions = {}): Promise<CorpusResult> {
  if (!existsSync(WIDGET_FILE))
    throw new Error('widget not built: run `npm run build -w @errata/widget` first');
  const dir = options.dir ?? REAL_PAGES_DIR;
  const files = pageFiles(dir).filter((file) => !options.only || options.only.some((o) => file.includes(o)));
  const result = emptyResult(files.length);
  const server = await startTestServer(undefined, { env: SERVER_ENV });
  const pages = await startPageServer();
  let browser: Browser | undefined;
  try {
    browser = await launchChromium([RESOLVE_ONLY_LOOPBACK]);
    await addCheckedSite(server.store, SITE, pages.origin, { local: true });
    const token = await createApiToken(server.store, SITE, 'corpus');
    const api = (path: string, method: string, body: unknown) =>
      fetch(`${server.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    const rechecker = new Rechecker(server.store, {
      publicUrl: server.url,
      politeness: new HostPoliteness(0),
      intervalMs: null,
    });
    const run: Run = { server, pages, browser, api, rechecker, result };
    for (const file of files) {
      const name = file.replace(/\.html$/, '');
      const failuresBefore = result.failures.length;
      const started = performance.now();
      try {
        await runPage(run, name, readFileSync(new URL(file, dir), 'utf8'));
      } catch (error) {
        fail(
          result,
          'page error',
          name,
          '',
          'no error',
          error instanceof Error ? error.message : String(error),
        );
      }
      const ms = performance.now() - started;
      result.pageMs.push(ms);
      options.log?.(`${name}: ${result.failures.length - failuresBefore} failures, ${Math.round(ms)} ms`);
    }
    return result;
  } finally {
    await browser?.close();
    await pages.close();
    await server.stop();
  }
}

function pageFiles(dir: URL): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.html'))
    .sort();
}

/** Reports on one page, rechecks it unchanged, fixes its first reported word and rechecks it again. */
async function runPage(run: Run, name: string, saved: string): Promise<void> {
  const path = `/pages/${name}.html`;
  run.pages.set(path, served(name, saved, run.server.url));
  const reported = await reportOnPage(run, name, `${run.pages.origin}${path}`, saved);
  if (reported.length === 0) return;
  const quotes = new Map(reported.map((word) => [word.erratumId, word.target.word]));

  const unchanged = await recheck(run, [...quotes.keys()]);
  for (const [id, quote] of quotes) {
    const verdict = unchanged.get(id);
    if (!count(run.result.unchangedStillThere, verdict?.state === 'still_there')) {
      fail(
        run.result,
        'not still there on the unchanged page',
        name,
        quote,
        'still_there',
        verdictText(verdict),
      );
    }
  }
  const fixed = await checkFix(run, name, path, saved, reported[0] as ReportedWord, quotes);
  const second = reported[1];
  if (second) await checkReworded(run, name, path, fixed, second);
}

/** Words written in on both sides of a reported word: its sentence reworded, the mistake left standing. */
const REWORDED = { before: 'as reported, ', after: ', it seems,' };

/**
 * Rewords the sentence around a reported word in the (already fixed) page, keeping the word,
 * and rechecks: an editor must never be told a mistake is fixed while it stands.
 */
async function checkReworded(
  run: Run,
  name: string,
  path: string,
  html: string,
  reworded: ReportedWord,
): Promise<void> {
  const quote = reworded.target.word;
  const changed = replaceAt(html, reworded.source, `${REWORDED.before}${quote}${REWORDED.after}`);
  run.pages.set(path, served(name, changed, run.server.url));
  const verdict = (await recheck(run, [reworded.erratumId])).get(reworded.erratumId);
  if (!count(run.result.rewordedStillThere, verdict?.state === 'still_there')) {
    fail(
      run.result,
      'not still there after its sentence was reworded',
      name,
      quote,
      'still_there',
      verdictText(verdict),
    );
  }
}

/**
 * Corrects the word in the page's source, marks its erratum fixed, rechecks: verified with the
 * new word, the others untouched. Returns the corrected source (the correction keeps the
 * word's length, so the other words' source offsets still hold).
 */
async function checkFix(
  run: Run,
  name: string,
  path: string,
  saved: string,
  fixed: ReportedWord,
  quotes: Map<string, string>,
): Promise<string> {
  const { result } = run;
  const quote = fixed.target.word;
  const corrected = transposed(quote);
  const expected = `verified, replaced by "${corrected}"`;
  const html = replaceAt(saved, fixed.source, corrected);
  run.pages.set(path, served(name, html, run.server.url));
  const marked = await run.api(`/api/v1/errata/${fixed.erratumId}`, 'PATCH', { status: 'fixed' });
  if (marked.status !== 200) {
    count(result.fixVerified, false);
    fail(result, 'fix not verified', name, quote, expected, `PATCH fixed: HTTP ${marked.status}`);
    return html;
  }
  const after = await recheck(run, [...quotes.keys()]);
  const verdict = after.get(fixed.erratumId);
  const verified =
    verdict?.status === 'verified' && verdict.state === 'replaced' && verdict.replacedBy === corrected;
  if (!count(result.fixVerified, verified))
    fail(result, 'fix not verified', name, quote, expected, verdictText(verdict));
  for (const [id, other] of quotes) {
    if (id === fixed.erratumId) continue;
    const otherVerdict = after.get(id);
    if (!count(result.othersUndisturbed, otherVerdict?.state === 'still_there')) {
      fail(
        result,
        'other erratum disturbed by the fix',
        name,
        other,
        'still_there',
        verdictText(otherVerdict),
      );
    }
  }
  return html;
}

/** Opens the page in a fresh context and reports its chosen words through the widget; returns those stored. */
async function reportOnPage(run: Run, name: string, url: string, saved: string): Promise<ReportedWord[]> {
  const { result } = run;
  const context = await run.browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await confine(context, [run.pages.origin, new URL(run.server.url).origin]);
    const page = await context.newPage();
    page.setDefaultTimeout(ANSWER_WAIT_MS);
    const aboutWidget = consoleAbout(page, '/widget.js');
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    if (!count(result.widgetLoaded, await widgetLoaded(page))) {
      const why = aboutWidget[0] ?? `none after ${WIDGET_WAIT_MS / 1000} s`;
      fail(result, 'widget not loaded', name, '', 'window.Errata', why);
      return [];
    }
    // Half the pages report (and have fixed) a short word first, half a long one.
    const candidates = await storyWords(page, { shortFirst: name.length % 2 === 0 });
    const words = chosenWords(candidates, saved);
    if (words.length === 0) {
      if (candidates.length === 0)
        fail(result, 'no story words visible', name, '', 'a visible paragraph', 'none');
      else fail(result, 'no word found in the source', name, '', 'a word of the story', 'none located');
      return [];
    }
    const reported: ReportedWord[] = [];
    for (const word of words) {
      const erratumId = await reportWord(run, page, name, word.target);
      if (erratumId !== null) reported.push({ ...word, erratumId });
    }
    count(result.pagesAllSent, reported.length === words.length);
    return reported;
  } finally {
    await context.close();
  }
}

/** Lets the page reach only the page server and the Errata server. */
async function confine(context: BrowserContext, origins: readonly string[]): Promise<void> {
  await context.route(
    (url) => !origins.includes(url.origin),
    (route) => route.abort('blockedbyclient'),
  );
  await context.routeWebSocket(
    (url) => !origins.includes(url.origin.replace(/^ws/, 'http')),
    (socket) => socket.close(),
  );
}

/** The page's console messages that mention `text` (a CSP refusing the widget says so there), as they come. */
function consoleAbout(page: Page, text: string): string[] {
  const said: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes(text)) said.push(message.text().slice(0, 200));
  });
  return said;
}

function widgetLoaded(page: Page): Promise<boolean> {
  return page
    .waitForFunction(() => 'Errata' in window, undefined, { polling: 100, timeout: WIDGET_WAIT_MS })
    .then(
      () => true,
      () => false,
    );
}

/** For each paragraph, its first candidate word that can be found in the saved source and was not chosen already. */
function chosenWords(paragraphs: WordInTextNode[][], saved: string): ChosenWord[] {
  const locate = wordLocator(saved);
  const chosen: ChosenWord[] = [];
  for (const candidates of paragraphs) {
    for (const target of candidates) {
      if (chosen.some((c) => c.target.word === target.word)) continue;
      const source = locate(target);
      if (!source) continue;
      chosen.push({ target, source });
      break;
    }
  }
  return chosen;
}

/**
 * Selects the word, presses Ctrl+Enter, sends the dialog as it opens (the suggestion left as
 * the widget fills it) and checks the stored quote. Returns the erratum's id once stored.
 */
async function reportWord(
  run: Run,
  page: Page,
  name: string,
  target: WordInTextNode,
): Promise<string | null> {
  const { result } = run;
  const quote = target.word;
  const selected = await selectWord(page, target);
  if (selected !== quote) {
    count(result.dialogOpened, false);
    count(result.sent, false);
    fail(result, 'not selected', name, quote, quote, JSON.stringify(selected));
    return null;
  }
  await page.keyboard.press('Control+Enter');
  // The dialog speaks the page's language: found by its role in the widget, not by its English name.
  const dialog = page.locator('#errata-widget').getByRole('dialog');
  const opened = await dialog.waitFor({ timeout: DIALOG_WAIT_MS }).then(
    () => true,
    () => false,
  );
  if (!count(result.dialogOpened, opened)) {
    count(result.sent, false);
    fail(result, 'no dialog', name, quote, 'the dialog', `none after ${DIALOG_WAIT_MS / 1000} s`);
    return null;
  }
  const answer = page.waitForResponse(
    (response) =>
      response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/v1/reports',
    { timeout: ANSWER_WAIT_MS },
  );
  await dialog.locator('button[type=submit]').click();
  const response = await answer.catch(() => null);
  const told = await statusAfterSending(dialog);
  await closeDialog(page, dialog);
  const status = response?.status() ?? 0;
  result.sendStatuses[status] = (result.sendStatuses[status] ?? 0) + 1;
  if (!count(result.sent, status === 201)) {
    fail(result, 'not sent', name, quote, 'HTTP 201', `${status ? `HTTP ${status}` : 'no answer'}: ${told}`);
    return null;
  }
  const receipt = (await response?.json()) as ReportReceipt;
  // The widget's 201 comes once the report is durable; it joins its erratum right after.
  const stored = await groupedReport(run.server.store.db, receipt.id);
  if (!count(result.quoteExact, stored?.quote_exact === quote)) {
    fail(
      result,
      'stored quote differs',
      name,
      quote,
      quote,
      stored ? JSON.stringify(stored.quote_exact) : 'no report',
    );
  }
  return stored?.erratum_id ?? null;
}

/** A report's row once the server has grouped it (it polls for up to ANSWER_WAIT_MS), or undefined. */
async function groupedReport(db: Store['db'], id: string) {
  const until = Date.now() + ANSWER_WAIT_MS;
  for (;;) {
    const row = await db
      .selectFrom('reports')
      .select(['quote_exact', 'erratum_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (row || Date.now() > until) return row;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What the dialog's status says once the send is over (its button enabled again), in the page's language. */
async function statusAfterSending(dialog: Locator): Promise<string> {
  await dialog
    .locator('button[type=submit]:not([disabled])')
    .waitFor({ state: 'attached', timeout: ANSWER_WAIT_MS })
    .catch(() => {});
  return (
    (await dialog
      .getByRole('status')
      .textContent({ timeout: 1_000 })
      .catch(() => null)) ?? 'no status'
  );
}

async function closeDialog(page: Page, dialog: Locator): Promise<void> {
  if (!(await dialog.isVisible())) return;
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden', timeout: DIALOG_WAIT_MS }).catch(() => {});
}

/** Rechecks the pages of these errata (their URLs as stored); the verdict of each. */
async function recheck(run: Run, ids: readonly string[]): Promise<Map<string, Verdict>> {
  const rows = await run.server.store.db
    .selectFrom('errata')
    .select(['id', 'url'])
    .where('id', 'in', ids)
    .execute();
  const verdicts = new Map<string, Verdict>();
  for (const url of new Set(rows.map((row) => row.url))) {
    try {
      const checked = await run.rechecker.recheckPage({ siteId: SITE, url });
      for (const { id, status, check } of checked.errata) {
        verdicts.set(id, { status, state: check.state, reason: check.reason, replacedBy: check.replacedBy });
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      for (const row of rows.filter((r) => r.url === url)) {
        verdicts.set(row.id, { status: '', state: 'no check', reason, replacedBy: null });
      }
    }
  }
  return verdicts;
}

function verdictText(verdict: Verdict | undefined): string {
  if (!verdict) return 'not in the recheck';
  const by = verdict.replacedBy !== null ? ` by "${verdict.replacedBy}"` : '';
  return `${verdict.status ? `${verdict.status}, ` : ''}${verdict.state}${by}${verdict.reason ? ` (${verdict.reason})` : ''}`;
}

/**
 * What the page's own scripts write in the reader's browser on half the pages (the server's
 * parse never runs them): a sponsored teaser <article> first in the body and a line before
 * the first paragraph, so the article root's index and the text's offsets differ between the
 * reader's browser and the server, as ads and widgets make them differ on real sites. Its
 * paragraphs are too short to be taken for the story's (story-words.ts).
 */
const SCRIPT_WRITES = `<script>(function () {
  var teaser = document.createElement('article');
  teaser.innerHTML = '<h2>Sponsored</h2><p>Partner stories for you.</p>';
  document.body.prepend(teaser);
  var first = document.querySelector('article p, main p, p');
  if (first) first.before(Object.assign(document.createElement('p'), { textContent: 'Advertisement' }));
})();</script>`;

/** Whether the page is served with SCRIPT_WRITES: half of them, the same on every run. */
export function writtenByScripts(name: string): boolean {
  return [...name].reduce((sum, character) => sum + character.charCodeAt(0), 0) % 2 === 1;
}

/** The page as the corpus serves it: with Errata embedded, and on half the pages with SCRIPT_WRITES before it. */
function served(name: string, html: string, errataUrl: string): string {
  return withEmbed(html, errataUrl, writtenByScripts(name) ? SCRIPT_WRITES : '');
}

/** The page as its site would serve it with Errata embedded: the script tag before </body>, or at the end. */
export function withEmbed(html: string, errataUrl: string, before = ''): string {
  const embed = `${before}<script src="${errataUrl}/widget.js" data-site="${SITE_KEY}" async></script>`;
  const end = [...html.matchAll(/<\/body\s*>/gi)].pop()?.index;
  return end === undefined ? html + embed : html.slice(0, end) + embed + html.slice(end);
}

/**
 * The word with two neighbouring letters near its middle swapped (a transposition typo, and
 * its fix the other way round); the first and last letter stay.
 */
export function transposed(word: string): string {
  const letters = Array.from(word);
  const middle = Math.floor((letters.length - 2) / 2);
  for (let step = 0; step < letters.length; step++) {
    const at = middle + (step % 2 === 0 ? step / 2 : -(step + 1) / 2);
    const [a, b] = [letters[at], letters[at + 1]];
    if (at < 1 || at + 1 > letters.length - 2 || !a || !b || a.toLowerCase() === b.toLowerCase()) continue;
    return [...letters.slice(0, at), b, a, ...letters.slice(at + 2)].join('');
  }
  // No two different letters to swap ("aaaaa"): the middle letter changes instead.
  const at = Math.floor(letters.length / 2);
  return [...letters.slice(0, at), letters[at] === 'e' ? 'a' : 'e', ...letters.slice(at + 1)].join('');
}

/**
 * Every language the widget speaks renders complete: its dialog opens with its own title,
 * labels and buttons (nothing missing, nothing left in English), in its own direction, and
 * the reader's language is chosen from data-lang, else the page's, else the browser's. A
 * site can replace any text. Needs the built widget.
 */
import { readdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ErrataStrings } from '../packages/widget/errata.d.ts';
import { launchChromium, skipWithoutChromium } from './harness/browser.ts';
import {
  articlePage,
  dialogOf,
  selectText,
  startWidgetServers,
  type WidgetServers,
} from './harness/widget-servers.ts';

const LANG_DIR = new URL('../packages/widget/src/lang/', import.meta.url);
const codes = readdirSync(LANG_DIR)
  .map((file) => /^([a-z]{2,3})\.ts$/.exec(file)?.[1])
  .filter((code): code is string => code !== undefined)
  .sort();
const languages: Record<string, ErrataStrings> = {};
for (const code of codes) {
  languages[code] = (
    (await import(new URL(`${code}.ts`, LANG_DIR).href)) as { default: ErrataStrings }
  ).default;
}
const strings = (code: string) => languages[code] as ErrataStrings;

describe.skipIf(skipWithoutChromium())('the widget in every language', () => {
  let servers: WidgetServers;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    servers = await startWidgetServers();
    const { errataOrigin } = servers;
    for (const code of codes)
      servers.pages.set(`/${code}`, { html: articlePage(errataOrigin, { lang: code }) });
    servers.pages.set('/no-lang', { html: articlePage(errataOrigin, { lang: '' }) });
    servers.pages.set('/data-lang', {
      html: articlePage(errataOrigin, { lang: 'en', script: 'data-lang="pl-PL"' }),
    });
    servers.pages.set('/regional', { html: articlePage(errataOrigin, { lang: 'pt-BR' }) });
    servers.pages.set('/unspoken', { html: articlePage(errataOrigin, { lang: 'ja' }) });
    servers.pages.set('/own-words', {
      html: articlePage(errataOrigin, {
        lang: 'de',
        head: `<script>window.ErrataConfig = { strings: { de: { title: 'Tippfehler melden', send: 'Abschicken' } } };</script>`,
      }),
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    servers?.close();
  });
  beforeEach(() => {
    servers.reset();
  });
  afterEach(async () => {
    await context?.close();
  });

  /** Opens the dialog on a page, in a browser set to `locale`, and says what it shows. */
  async function dialogOn(path: string, locale = 'en-US') {
    context = await browser.newContext({ locale });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    await page.goto(`${servers.siteOrigin}${path}`);
    await page.waitForFunction(() => 'Errata' in window);
    await selectText(page, '#lead', 'Minks');
    await page.evaluate(() => window.Errata?.open());
    const dialog = dialogOf(page);
    await dialog.waitFor();
    return {
      lang: await dialog.getAttribute('lang'),
      dir: await dialog.getAttribute('dir'),
      title: await dialog.locator('h2').textContent(),
      labels: await dialog.locator('label').allTextContents(),
      kinds: await dialog.locator('[name=kind] option').allTextContents(),
      placeholder: await dialog.locator('[name=comment]').getAttribute('placeholder'),
      buttons: await dialog.locator('button').allTextContents(),
    };
  }

  it.each(codes)('opens complete in %s', async (code) => {
    const shown = await dialogOn(`/${code}`);
    const expected = strings(code);
    expect(shown).toEqual({
      lang: code,
      dir: code === 'ar' ? 'rtl' : 'ltr',
      title: expected.title,
      labels: [expected.kind, expected.correction, expected.comment],
      kinds: [expected.typo, expected.factual, expected.link, expected.other],
      placeholder: expected.commentHint,
      buttons: [expected.cancel, expected.send],
    });
    // One language file, the reader's.
    const files = servers.requests.filter((request) => request.includes('widget-lang-'));
    expect(files.map((request) => /widget-lang-(\w+)/.exec(request)?.[1])).toEqual([code]);
  });

  it("speaks the browser's language on a page that names none", async () => {
    expect((await dialogOn('/no-lang', 'uk-UA')).title).toBe(strings('uk').title);
  });

  it("prefers the embed's data-lang to the page's language", async () => {
    expect((await dialogOn('/data-lang', 'de-DE')).title).toBe(strings('pl').title);
  });

  it('matches a regional language tag by its language', async () => {
    expect((await dialogOn('/regional')).title).toBe(strings('pt').title);
  });

  it("falls back to the browser's language, then English, for a page in a language it does not speak", async () => {
    expect((await dialogOn('/unspoken', 'cs-CZ')).title).toBe(strings('cs').title);
    await context.close();
    expect((await dialogOn('/unspoken', 'ja-JP')).title).toBe(strings('en').title);
  });

  it("uses the site's own words where it gives them", async () => {
    const shown = await dialogOn('/own-words');
    expect(shown.title).toBe('Tippfehler melden');
    expect(shown.buttons).toEqual([strings('de').cancel, 'Abschicken']);
  });
});

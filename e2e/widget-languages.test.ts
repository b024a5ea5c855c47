/**
 * Every language the widget speaks renders complete: its dialog opens with its own title,
 * labels and buttons (nothing missing, nothing left in English), in its own direction, and
 * the reader's language is chosen from data-lang, else the page's, else the browser's. A
 * site can replace any text. Needs the built widget.
 */
import { readdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ErrataStrings } from '../packages/widget/errata.d.ts';
import { articlePage } from './harness/article-page.ts';
import { skipWithoutChromium } from './harness/browser.ts';
import { dialogOf, selectText } from './harness/widget-page.ts';
import { useWidgetSite } from './harness/widget-site.ts';

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
  const site = useWidgetSite({
    pages: (embed) => ({
      ...Object.fromEntries(codes.map((code) => [`/${code}`, articlePage(embed, { lang: code })])),
      '/no-lang': articlePage(embed, { lang: '' }),
      '/data-lang': articlePage(embed, { lang: 'en', script: 'data-lang="pl-PL"' }),
      '/regional': articlePage(embed, { lang: 'pt-BR' }),
      '/unspoken': articlePage(embed, { lang: 'ja' }),
      '/own-words': articlePage(embed, {
        lang: 'de',
        head: `<script>window.ErrataConfig = { strings: { de: { title: 'Tippfehler melden', send: 'Abschicken' } } };</script>`,
      }),
    }),
  });
  let page: Page;

  /** Opens the dialog on a page, in a browser set to `locale`, and says what it shows. */
  async function dialogOn(path: string, locale = 'en-US') {
    page = await site.open(path, { locale });
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
    const files = site.traffic.requests().filter((request) => request.includes('widget-lang-'));
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
    await page.context().close();
    expect((await dialogOn('/unspoken', 'ja-JP')).title).toBe(strings('en').title);
  });

  it("uses the site's own words where it gives them", async () => {
    const shown = await dialogOn('/own-words');
    expect(shown.title).toBe('Tippfehler melden');
    expect(shown.buttons).toEqual([strings('de').cancel, 'Abschicken']);
  });
});

import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import ar from '../packages/widget/src/lang/ar.ts';
import { articlePage } from './harness/article-page.ts';
import { skipWithoutChromium } from './harness/browser.ts';
import { dialogOf, selectText, statusReads } from './harness/widget-page.ts';
import { useWidgetSite } from './harness/widget-site.ts';

const NONCE = 'r4nd0mN0nc3';
const ARABIC = 'قال رئيس بلدية مينكس إن الجسر الجديد لن يبنى هذا العام.';

describe.skipIf(skipWithoutChromium())('the widget on difficult pages', () => {
  const site = useWidgetSite({
    pages: (embed) => ({
      '/ar': articlePage(embed, { lang: 'ar', dir: 'rtl', article: `<p id="lead">${ARABIC}</p>` }),
      '/hostile': articlePage(embed, {
        head: `<style>
          * { all: initial !important; }
          div { display: none !important; }
          body > *:last-child, [id^="errata"] { display: none !important; visibility: hidden !important; }
          dialog, button, textarea, mark { display: none !important; }
          @media (prefers-color-scheme: light) { * { color: #fff !important; } }
        </style>`,
        outside: '<div id="sidebar">A sidebar the page hides.</div>',
      }),
      '/nonce': {
        html: articlePage(embed, { script: `nonce="${NONCE}"` }),
        headers: {
          'Content-Security-Policy': `default-src 'none'; script-src 'nonce-${NONCE}' 'strict-dynamic'; connect-src ${embed.origin}; style-src 'none'; base-uri 'none'`,
        },
      },
      '/breaks': articlePage(embed, {
        article: `<h1>Council notes</h1>
<p id="poem">The bridge will stand<br>until the spring,
or so the council says.</p>
<p id="linked">Read the <a href="#minutes">minutes of the <strong>council</strong></a> for details.</p>`,
      }),
    }),
  });
  let page: Page;
  /** core's text model as a browser script: `window.rootText(element)`. */
  let textModel: string;

  beforeAll(async () => {
    const bundled = await build({
      stdin: {
        contents: "import { rootText } from '@errata/core'; window.rootText = rootText;",
        resolveDir: import.meta.dirname,
      },
      bundle: true,
      format: 'iife',
      write: false,
    });
    textModel = bundled.outputFiles[0]?.text ?? '';
  });

  async function open(path: string): Promise<void> {
    page = await site.open(path, { viewport: { width: 1024, height: 768 } });
  }

  it('speaks Arabic right to left on an Arabic page, and quotes the Arabic words', async () => {
    await open('/ar');
    await selectText(page, '#lead', 'مينكس');
    await page.keyboard.press('Control+Enter');
    const dialog = dialogOf(page);
    await dialog.waitFor();
    expect(await dialog.getAttribute('dir')).toBe('rtl');
    expect(await dialog.getAttribute('lang')).toBe('ar');
    expect(await dialog.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    expect(await dialog.locator('h2').textContent()).toBe(ar.title);
    expect(await dialog.locator('mark').textContent()).toBe('مينكس');
    await dialog.locator('[name=suggestion]').fill('مينسك');
    await dialog.getByRole('button', { name: ar.send }).click();
    await statusReads(page, ar.thanks);
    expect(await site.reports()).toMatchObject([
      { quote: { exact: 'مينكس' }, suggestion: 'مينسك', lang: 'ar' },
    ]);
  });

  it('looks and works the same on a page whose CSS attacks every element', async () => {
    await open('/hostile');
    await selectText(page, '#lead', 'Minks');
    const button = page.getByRole('button', { name: 'Report a mistake' });
    await button.waitFor();
    expect(await button.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe(
      'rgb(11, 87, 208)',
    );
    await page.keyboard.press('Control+Enter');
    const dialog = dialogOf(page);
    await dialog.waitFor();
    expect(await dialog.evaluate((element) => getComputedStyle(element).borderTopLeftRadius)).toBe('12px');
    expect(await dialog.evaluate((element) => getComputedStyle(element).color)).toBe('rgb(28, 27, 31)');
    const send = dialog.getByRole('button', { name: 'Send' });
    expect((await send.boundingBox())?.height).toBeGreaterThanOrEqual(44);
    await send.click();
    await statusReads(page, 'Thank you! The editors will see it.');
    expect(await site.reports()).toHaveLength(1);
  });

  it('works under a CSP that allows scripts by nonce only and no styles at all', async () => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') violations.push(message.text());
    });
    await open('/nonce');
    await selectText(page, '#lead', 'Minks');
    await page.keyboard.press('Control+Enter');
    const dialog = dialogOf(page);
    await dialog.waitFor();
    expect(await dialog.evaluate((element) => getComputedStyle(element).borderTopLeftRadius)).toBe('12px');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await statusReads(page, 'Thank you! The editors will see it.');
    expect(await site.reports()).toHaveLength(1);
    expect(violations).toEqual([]);
  });

  /** Reports `needle` in `selector` and checks the report against core's text model of the article. */
  async function reportAndCheck(selector: string, needle: string) {
    await open('/breaks');
    await page.addScriptTag({ content: textModel });
    await selectText(page, selector, needle);
    await page.keyboard.press('Control+Enter');
    await dialogOf(page).waitFor();
    const shown = await dialogOf(page).locator('mark').textContent();
    await dialogOf(page).getByRole('button', { name: 'Send' }).click();
    await statusReads(page, 'Thank you! The editors will see it.');
    const text = await page.evaluate(() =>
      (window as unknown as { rootText(root: Element): string }).rootText(
        document.querySelector('article') as Element,
      ),
    );
    const [report] = await site.reports();
    if (!report) throw new Error('nothing stored');
    return { report, shown, text };
  }

  const words = (text: string) => text.split(/\s+/).filter(Boolean);

  it('quotes a selection across a line break as the words the reader sees, where the text model has them', async () => {
    // The <br> after "stand" has no text in the DOM; the text model makes it a line break.
    const { report, shown, text } = await reportAndCheck('#poem', 'standuntil the spring,\nor');
    expect(text.slice(report.position.start, report.position.end)).toBe(report.quote.exact);
    expect(text.slice(0, report.position.start).endsWith(report.quote.prefix)).toBe(true);
    expect(words(report.quote.exact)).toEqual(['stand', 'until', 'the', 'spring,', 'or']);
    expect(shown).toBe(report.quote.exact);
  });

  it('quotes a selection across a link and bold text as the words the reader sees', async () => {
    const { report, text } = await reportAndCheck('#linked', 'the minutes of the council');
    expect(report.quote.exact).toBe('the minutes of the council');
    expect(text.slice(report.position.start, report.position.end)).toBe('the minutes of the council');
  });

  it('refuses, with a clear message and nothing sent, a selection longer than a quote may be', async () => {
    await open('/breaks');
    await page.evaluate(() => {
      const long = document.createElement('p');
      long.id = 'long';
      long.textContent = 'The council read the whole budget aloud. '.repeat(20);
      document.querySelector('article')?.append(long);
    });
    await selectText(page, '#long', (await page.textContent('#long'))?.trim() ?? '');
    const error = await page.evaluate(() =>
      window.Errata?.report({ suggestion: 'x' }).then(
        () => null,
        (error: Error & { status: number; queued: boolean }) => ({
          message: error.message,
          queued: error.queued,
        }),
      ),
    );
    expect(error).toEqual({
      message:
        'The selection is too long to report. Please select at most 500 characters: a word or a sentence.',
      queued: false,
    });
    // Refused in the browser: nothing went to the server, not even before a request the page sends now.
    await site.traffic.marker(page);
    expect(site.traffic.reportPosts()).toEqual([]);
  });
});

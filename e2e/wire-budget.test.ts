/**
 * The widget's byte budgets over the wire: Chromium opens an article page of a site and then
 * reports a mistake in the language whose file is heaviest; every file it loads from Errata is
 * listed, and each is fetched again by a client accepting "br, gzip" to count the body bytes
 * the server sends. A reader who only reads gets the loader (≤ 2 KB); a reporting reader gets
 * at most 8 KB in all. The counts are printed.
 */
import { readdirSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { articlePage } from './harness/article-page.ts';
import { ROUND_TRIP, skipWithoutChromium } from './harness/browser.ts';
import { dialogOf, selectText } from './harness/widget-page.ts';
import { useWidgetSite } from './harness/widget-site.ts';

/** The widget's promises to sites: bytes a reader receives, compressed as their browser accepts. */
const LOADER_BUDGET = 2 * 1024;
const REPORTING_BUDGET = 8 * 1024;

const WIDGET_DIST = new URL('../packages/widget/dist/', import.meta.url);

/** The language whose file is heaviest as sent (its Brotli copy), where a report costs most. */
function heaviestLanguage(): string {
  const sizes = readdirSync(WIDGET_DIST)
    .map((name) => /^widget-lang-([a-z]{2,3})-.*\.js\.br$/.exec(name))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ code: match[1] as string, bytes: statSync(new URL(match[0], WIDGET_DIST)).size }));
  sizes.sort((a, b) => b.bytes - a.bytes);
  const heaviest = sizes[0];
  if (!heaviest) throw new Error('the widget is not built: run npm run build');
  return heaviest.code;
}

/** Body bytes the server sends for a GET to a client accepting br and gzip (not decompressed), and the encoding. */
function bytesSent(url: string): Promise<{ bytes: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers: { 'accept-encoding': 'br, gzip' } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => {
        if (response.statusCode !== 200) reject(new Error(`${url}: HTTP ${response.statusCode}`));
        else resolve({ bytes, encoding: String(response.headers['content-encoding'] ?? 'identity') });
      });
    });
    request.on('error', reject);
    request.end();
  });
}

describe.skipIf(skipWithoutChromium())('the widget’s budgets over the wire', () => {
  const lang = heaviestLanguage();
  const site = useWidgetSite({ pages: (embed) => ({ '/article': articlePage(embed, { lang }) }) });

  /** Every GET the page makes to the Errata server from now on, by address. */
  function filesFromErrata(page: Page): Set<string> {
    const files = new Set<string>();
    page.on('request', (request) => {
      if (request.method() === 'GET' && request.url().startsWith(site.server.url)) files.add(request.url());
    });
    return files;
  }

  async function weigh(
    files: Iterable<string>,
  ): Promise<{ file: string; bytes: number; encoding: string }[]> {
    const weighed = [];
    for (const url of files) weighed.push({ file: new URL(url).pathname, ...(await bytesSent(url)) });
    return weighed;
  }

  it(`loads ≤ 2 KB on an article page, and ≤ 8 KB in all to report a mistake (in ${lang}, the heaviest language)`, async () => {
    const page = await site.open('/article');
    // site.open returns once the loader ran; files it asked for are requested by then.
    const onLoad = await weigh(
      (await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name))).filter(
        (url) => url.startsWith(site.server.url),
      ),
    );
    const later = filesFromErrata(page);
    await selectText(page, '#lead', 'Minks');
    await page.keyboard.press('Control+Enter');
    const dialog = dialogOf(page);
    await dialog.waitFor();
    await dialog.locator('textarea[name="suggestion"]').fill('Minsk');
    await dialog.locator('button[type="submit"]').click();
    await expect.poll(() => site.traffic.reportPosts().length, ROUND_TRIP).toBe(1);
    const reporting = await weigh(later);

    const loaderBytes = onLoad.reduce((sum, f) => sum + f.bytes, 0);
    const reportBytes = loaderBytes + reporting.reduce((sum, f) => sum + f.bytes, 0);
    console.log(
      [
        `over the wire (accept-encoding: br, gzip; language ${lang}):`,
        ...[...onLoad, ...reporting].map((f) => `  ${f.file}  ${f.bytes} B (${f.encoding})`),
        `  article page: ${loaderBytes} B (budget ${LOADER_BUDGET}); a report in all: ${reportBytes} B (budget ${REPORTING_BUDGET})`,
      ].join('\n'),
    );
    expect(onLoad.map((f) => f.file)).toEqual(['/widget.js']);
    expect(reporting.some((f) => f.file.includes(`widget-lang-${lang}-`))).toBe(true);
    expect(reporting.some((f) => f.file.includes('widget-dialog-'))).toBe(true);
    for (const file of [...onLoad, ...reporting]) expect(file.encoding).toBe('br');
    expect(loaderBytes).toBeLessThanOrEqual(LOADER_BUDGET);
    expect(reportBytes).toBeLessThanOrEqual(REPORTING_BUDGET);
  });
});

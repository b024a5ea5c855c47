/**
 * The article root, one rule on both sides, on real pages nobody here wrote: wherever a reader
 * selects in a story's paragraphs (in one of many <article> elements, in <main>, or in none),
 * the root the widget measures in (its loader's choice and the reference the report carries)
 * and the root the server reads from the same HTML with parse5 hold the same text.
 * Pages run without their scripts here: what scripts add is the anchoring's business (the
 * corpus test), not the rule's.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PageRoots } from '@errata/server/testing';
import { build } from 'esbuild';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { textSegments } from '../packages/core/src/text-model.ts';
import type { rootRefOf } from '../packages/widget/src/dialog/root-ref.ts';
import type { articleRootOf } from '../packages/widget/src/loader/article-root.ts';
import { launchChromium, skipWithoutChromium } from './harness/browser.ts';
import { REAL_PAGES_DIR, skipWithoutRealPages } from './harness/real-pages-corpus.ts';

const GLOBAL_NAME = 'ErrataRoot';
const PAGE_URL = 'http://page.errata.test/article';
/** Paragraphs of at least this many characters are story text, not captions or buttons. */
const PARAGRAPH_MIN = 80;

/** The widget's code the page runs, as bundled below. */
interface RootCode {
  articleRootOf: typeof articleRootOf;
  rootRefOf: typeof rootRefOf;
  textSegments: typeof textSegments;
}

interface Measured {
  ref: { selector: string; index: number };
  text: string;
}

describe.skipIf(skipWithoutChromium() || skipWithoutRealPages())('the article root on real pages', () => {
  let browser: Browser;
  let context: BrowserContext;
  let served = '';
  let script = '';

  beforeAll(async () => {
    // The widget's own code for choosing and naming the root, bundled as a global for page.evaluate.
    const entry = `export { articleRootOf } from ${JSON.stringify(source('packages/widget/src/loader/article-root.ts'))};
export { rootRefOf } from ${JSON.stringify(source('packages/widget/src/dialog/root-ref.ts'))};
export { textSegments } from ${JSON.stringify(source('packages/core/src/text-model.ts'))};`;
    const bundle = await build({
      stdin: { contents: entry, resolveDir: fileURLToPath(new URL('..', import.meta.url)), loader: 'ts' },
      bundle: true,
      write: false,
      format: 'iife',
      globalName: GLOBAL_NAME,
      target: 'es2022',
    });
    script = bundle.outputFiles[0]?.text ?? '';
    browser = await launchChromium();
    context = await browser.newContext({ javaScriptEnabled: false });
    await context.route('**/*', (route) =>
      route.request().url() === PAGE_URL
        ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: served })
        : route.abort(),
    );
  });

  /** Roots measured, by selector and whether they were the first of it: how often "the first <article>" would have been wrong. */
  const tally = new Map<string, number>();
  afterAll(async () => {
    console.log(`article roots measured in story paragraphs: ${JSON.stringify(Object.fromEntries(tally))}`);
    await context?.close();
    await browser?.close();
  });

  const pages = existsSync(REAL_PAGES_DIR)
    ? readdirSync(REAL_PAGES_DIR).filter((name) => name.endsWith('.html'))
    : [];

  it.each(pages)('%s: the server reads the root the reader measured in', async (name) => {
    const html = readFileSync(new URL(name, REAL_PAGES_DIR), 'utf8');
    served = html;
    const page = await context.newPage();
    try {
      await page.goto(PAGE_URL, { waitUntil: 'domcontentloaded' });
      // The page's own scripts are off; Playwright's evaluation still runs.
      await page.evaluate(`${script};window.${GLOBAL_NAME}=${GLOBAL_NAME};`);
      const measured = await page.evaluate(
        ([globalName, minimum]) => {
          const widget = (window as unknown as Record<string, RootCode>)[globalName];
          if (!widget) throw new Error('root code not loaded');
          const results: Measured[] = [];
          for (const paragraph of document.querySelectorAll('p')) {
            const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
            const first = walker.nextNode();
            if (!first || (paragraph.textContent ?? '').trim().length < minimum) continue;
            const range = document.createRange();
            range.selectNodeContents(first);
            const root = widget.articleRootOf(range, null);
            if (!root) continue;
            results.push({ ref: widget.rootRefOf(root, null), text: widget.textSegments<Node>(root).text });
          }
          return results;
        },
        [GLOBAL_NAME, PARAGRAPH_MIN] as const,
      );
      const roots = new PageRoots(html, null);
      for (const { ref, text } of measured) {
        const key = `${ref.selector}${ref.index > 0 ? ' (not the first)' : ''}`;
        tally.set(key, (tally.get(key) ?? 0) + 1);
        expect({ ref, text: roots.textOf(ref).text }).toEqual({ ref, text });
      }
    } finally {
      await page.close();
    }
  });
});

function source(path: string): string {
  return fileURLToPath(new URL(`../${path}`, import.meta.url));
}

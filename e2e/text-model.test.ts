/**
 * The article-root text model in real Chromium, on the live DOM the widget reads, against
 * the server's reading of the same HTML with parse5: for every fixture the two give the same
 * text and the same text nodes at the same offsets, so a position the widget sends is a
 * position the server finds again. And the text reads, word for word, as Chromium renders
 * the root (its innerText), except where a fixture says why not.
 */
import { fileURLToPath } from 'node:url';
import { pageText } from '@errata/server/testing';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fixtureDocument,
  TEXT_MODEL_FIXTURES,
  type TextModelFixture,
} from '../packages/core/src/text-model.fixtures.ts';
import type * as TextModel from '../packages/core/src/text-model.ts';
import { launchChromium, skipWithoutChromium } from './harness/browser.ts';

const TEXT_MODEL_SOURCE = fileURLToPath(new URL('../packages/core/src/text-model.ts', import.meta.url));
const GLOBAL_NAME = 'ErrataTextModel';
// Served by the test itself (route.fulfill): nothing leaves the machine.
const PAGE_URL = 'http://fixture.errata.test/article';

/** What one side read: the text, and each counted text node's value with its offset. */
interface Reading {
  text: string;
  segments: [string | null, number][];
}

/** The words of a text, whitespace runs (line breaks, spaces, tabs) read as one space. */
const words = (text: string) => text.replace(/\s+/gu, ' ').trim();

describe.skipIf(skipWithoutChromium())('the text model in Chromium and on the server', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let served = '';
  let textModelScript = '';

  beforeAll(async () => {
    // Core's own source, bundled as the widget bundles it, but as a global for page.evaluate.
    const bundle = await build({
      entryPoints: [TEXT_MODEL_SOURCE],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: GLOBAL_NAME,
      target: 'es2022',
    });
    textModelScript = bundle.outputFiles[0]?.text ?? '';
    browser = await launchChromium();
    context = await browser.newContext();
    context.setDefaultTimeout(10_000);
    await context.route(PAGE_URL, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: served }),
    );
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  /** Loads the fixture as a page and reads its article root the way the widget does. */
  async function readInBrowser(fixture: TextModelFixture): Promise<Reading & { rendered: string }> {
    served = fixtureDocument(fixture);
    await page.goto(PAGE_URL, { waitUntil: 'domcontentloaded' });
    await page.addScriptTag({ content: textModelScript });
    return page.evaluate(
      ([globalName, rootSelector]) => {
        const model = (window as unknown as Record<string, typeof TextModel>)[globalName] as typeof TextModel;
        const root =
          (rootSelector ? document.querySelector<HTMLElement>(rootSelector) : null) ??
          document.querySelector<HTMLElement>('article') ??
          document.querySelector<HTMLElement>('main') ??
          document.body;
        const { text, segments } = model.textSegments<Node>(root);
        return {
          // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point here.
          rendered: root.innerText,
          text,
          segments: segments.map(({ node, start }): [string | null, number] => [node.nodeValue, start]),
        };
      },
      [GLOBAL_NAME, fixture.root ?? null] as const,
    );
  }

  function readOnServer(fixture: TextModelFixture): Reading {
    const { text, segments } = pageText(fixtureDocument(fixture), fixture.root ?? null);
    return { text, segments: segments.map(({ node, start }) => [node.nodeValue, start]) };
  }

  it.each(TEXT_MODEL_FIXTURES.map((fixture) => [fixture.name, fixture] as const))(
    '%s',
    async (_, fixture) => {
      const { rendered, ...inBrowser } = await readInBrowser(fixture);
      expect(inBrowser.text).toBe(fixture.text);
      expect(inBrowser).toEqual(readOnServer(fixture));
      if (!fixture.unlikeRendering) expect(words(inBrowser.text)).toBe(words(rendered));
    },
  );
});

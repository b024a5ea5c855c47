/**
 * What the widget's browser tests do and read on an article page: select words as a script
 * or a long press does, find the dialog and what it says, and wait for the widget's own steps
 * (its idle-time work, its animations, its answer to a key) instead of for a length of time.
 */
import type { Page } from 'playwright-core';

/**
 * Selects `needle` inside `selector` the way a script (or a touch screen's long press) does:
 * one range over the words, across any inline elements. `needle` is the DOM's text (a <br>
 * adds none). Fires selectionchange as a reader's selection would.
 */
export async function selectText(page: Page, selector: string, needle: string): Promise<void> {
  const selected = await page.evaluate(
    ([selector, needle]) => {
      const element = document.querySelector(selector);
      if (!element) throw new Error(`no ${selector} on the page`);
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      const nodes: { node: Text; start: number }[] = [];
      let text = '';
      while (walker.nextNode()) {
        nodes.push({ node: walker.currentNode as Text, start: text.length });
        text += walker.currentNode.nodeValue;
      }
      const found = text.indexOf(needle);
      if (found < 0) throw new Error(`no "${needle}" in ${selector}`);
      // The start falls in the last node starting at or before it; the end in the last starting before it.
      const first = nodes.filter((candidate) => candidate.start <= found).pop() as (typeof nodes)[number];
      const end = found + needle.length;
      const last = nodes.filter((candidate) => candidate.start < end).pop() as (typeof nodes)[number];
      const range = document.createRange();
      range.setStart(first.node, found - first.start);
      range.setEnd(last.node, end - last.start);
      element.scrollIntoView({ block: 'center' });
      const selection = document.getSelection() as Selection;
      selection.removeAllRanges();
      selection.addRange(range);
      return selection.toString();
    },
    [selector, needle] as const,
  );
  // A <br> is a line break on screen but no text in the DOM: compare without whitespace.
  if (selected.replace(/\s+/g, '') !== needle.replace(/\s+/g, '')) {
    throw new Error(`selected "${selected}" instead of "${needle}"`);
  }
}

/** The report dialog (inside the widget's shadow root; Playwright's locators pierce it). */
export function dialogOf(page: Page) {
  return page.locator('#errata-widget [role=dialog]');
}

/** Waits until the dialog's live region reads `text`. */
export async function statusReads(page: Page, text: string, timeout = 10_000): Promise<void> {
  await page.waitForFunction(
    (text) =>
      document.getElementById('errata-widget')?.shadowRoot?.querySelector('[role=status]')?.textContent ===
      text,
    text,
    { timeout },
  );
}

/** How many reports wait in the browser to be sent to the site with public key `key`. */
export function queuedReports(page: Page, key: string): Promise<number> {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(`errata:queue:${key}`) ?? '[]').length, key);
}

/**
 * Resolves once the loader's idle-time work has run: the loader asks for an idle callback
 * when the page has loaded, and idle callbacks run in the order they were asked for, so one
 * asked for after the load runs after it. Whatever that work loads, it has added by then.
 */
export async function loaderIdle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => resolve())));
}

/** Whether the page has added a script of the widget's part `part` (widget-dialog, widget-status…). */
export function partAdded(page: Page, part: string): Promise<boolean> {
  return page.evaluate((part) => document.querySelector(`script[src*="/${part}-"]`) !== null, part);
}

/**
 * Presses Ctrl+Enter and says whether the widget took it: the page's own listener on window
 * hears the key after the widget's on document, and the widget prevents the default of every
 * Ctrl+Enter it acts on. So the page's listener is the later marker: no waiting for nothing.
 */
export async function widgetTookShortcut(page: Page): Promise<boolean> {
  await page.evaluate(() => {
    const heard = new Promise<boolean>((resolve) =>
      addEventListener('keydown', (event) => event.key === 'Enter' && resolve(event.defaultPrevented)),
    );
    Object.assign(window, { heardShortcut: heard });
  });
  await page.keyboard.press('Control+Enter');
  return page.evaluate(() => (window as unknown as { heardShortcut: Promise<boolean> }).heardShortcut);
}

/** Resolves once every animation of the page and of the widget's shadow roots has finished (the entry fades). */
export async function animationsDone(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const roots: (Document | ShadowRoot)[] = [document];
    for (const host of document.querySelectorAll('[id^="errata-"]')) {
      if (host.shadowRoot) roots.push(host.shadowRoot);
    }
    await Promise.all(roots.flatMap((root) => root.getAnimations().map((animation) => animation.finished)));
  });
}

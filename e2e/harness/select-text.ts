import type { Page } from 'playwright-core';

/**
 * Selects `exact` inside the page's <article> the way a reader does: mouse down before
 * its first letter, drag, mouse up after its last. Returns what the browser selected.
 */
export async function selectWithMouse(page: Page, exact: string): Promise<string> {
  const box = await page.evaluate((words) => {
    const walker = document.createTreeWalker(
      document.querySelector('article') ?? document.body,
      NodeFilter.SHOW_TEXT,
    );
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.nodeValue?.indexOf(words) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + words.length);
      (node.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
      const rects = range.getClientRects();
      const first = rects[0] as DOMRect;
      const last = rects[rects.length - 1] as DOMRect;
      return {
        x1: first.left,
        y1: first.top + first.height / 2,
        x2: last.right,
        y2: last.top + last.height / 2,
      };
    }
    throw new Error(`"${words}" is not in the article`);
  }, exact);
  await page.mouse.move(box.x1 + 1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 4 });
  await page.mouse.move(box.x2 - 1, box.y2, { steps: 4 });
  await page.mouse.up();
  return page.evaluate(() => document.getSelection()?.toString() ?? '');
}

/** Where the mouse must press to start (or release to end) a selection at an edge of `needle` inside `selector`. */
export async function edgeOf(page: Page, selector: string, needle: string, edge: 'start' | 'end') {
  return page.evaluate(
    ([selector, needle, edge]) => {
      const element = document.querySelector(selector);
      if (!element) throw new Error(`no ${selector} on the page`);
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      let text = '';
      const nodes: { node: Text; start: number }[] = [];
      while (walker.nextNode()) {
        nodes.push({ node: walker.currentNode as Text, start: text.length });
        text += walker.currentNode.nodeValue;
      }
      const found = text.indexOf(needle);
      if (found < 0) throw new Error(`no "${needle}" in ${selector}`);
      // The first or last character of the needle; 1px inside its box so the caret lands on the right side.
      const at = edge === 'start' ? found : found + needle.length - 1;
      const { node, start } = nodes
        .filter((candidate) => candidate.start <= at)
        .pop() as (typeof nodes)[number];
      const range = document.createRange();
      range.setStart(node, at - start);
      range.setEnd(node, at - start + 1);
      const box = range.getBoundingClientRect();
      return { x: edge === 'start' ? box.left + 1 : box.right - 1, y: box.top + box.height / 2 };
    },
    [selector, needle, edge] as const,
  );
}

/** Drags the mouse over `needle` inside `selector`, from its first letter to its last; returns what the browser selected. */
export async function dragOver(page: Page, selector: string, needle: string): Promise<string> {
  const from = await edgeOf(page, selector, needle, 'start');
  const to = await edgeOf(page, selector, needle, 'end');
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
  return page.evaluate(() => document.getSelection()?.toString() ?? '');
}

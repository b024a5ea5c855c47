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

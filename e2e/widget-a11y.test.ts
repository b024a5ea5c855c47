/**
 * The widget's accessibility in a real browser against the real server: an axe-core audit of
 * every state a reader meets (the button, the dialog, the server's refusal, the hint), the
 * dialog's roles and focus, colour schemes, reduced motion and zoom.
 */
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { articleAndRefusedPages, UNKNOWN_SITE_REFUSAL } from './harness/article-page.ts';
import { ROUND_TRIP, skipWithoutChromium } from './harness/browser.ts';
import { animationsDone, dialogOf, selectText, statusReads } from './harness/widget-page.ts';
import { useWidgetSite } from './harness/widget-site.ts';

const AXE = fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url));

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: unknown; failureSummary?: string }[];
}

describe.skipIf(skipWithoutChromium())('an accessible widget', () => {
  const site = useWidgetSite({ pages: articleAndRefusedPages });
  let page: Page;

  async function open(options: Parameters<Browser['newContext']>[0] = {}, path = '/article'): Promise<void> {
    page = await site.open(path, { viewport: { width: 1280, height: 800 }, ...options });
    await page.addScriptTag({ path: AXE });
  }

  /** axe-core's WCAG 2.x A/AA violations inside one of the widget's shadow roots. */
  async function violations(host: string, inner: string): Promise<AxeViolation[]> {
    return page.evaluate(
      async ([host, inner]) => {
        const axe = (
          window as unknown as {
            axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> };
          }
        ).axe;
        const result = await axe.run(
          { include: [{ fromShadowDom: [`#${host}`, inner] }] },
          {
            runOnly: {
              type: 'tag',
              values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
            },
          },
        );
        return result.violations.map(({ id, help, nodes }) => ({
          id,
          help,
          nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })),
        }));
      },
      [host, inner] as const,
    );
  }

  async function openDialog() {
    await selectText(page, '#lead', 'Minks');
    await page.keyboard.press('Control+Enter');
    await dialogOf(page).waitFor();
    return dialogOf(page);
  }

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`passes an axe-core audit with the dialog, the button and the hint open (${colorScheme})`, async () => {
      // A page the server refuses reports from: the audit covers the refusal too.
      await open({ colorScheme }, '/unknown-site');
      await selectText(page, '#lead', 'Minks');
      await page.getByRole('button', { name: 'Report a mistake' }).waitFor();
      // Wait for the entry fade to end: axe measures contrast on what is painted.
      await animationsDone(page);
      expect(await violations('errata-button', 'button')).toEqual([]);

      const dialog = await openDialog();
      await animationsDone(page);
      expect(await violations('errata-widget', 'dialog')).toEqual([]);
      await dialog.getByRole('button', { name: 'Send' }).click();
      await statusReads(page, UNKNOWN_SITE_REFUSAL);
      expect(await violations('errata-widget', 'dialog')).toEqual([]);

      await page.keyboard.press('Escape');
      await page.evaluate(() => document.getSelection()?.removeAllRanges());
      await page.keyboard.press('Control+Enter');
      await expect
        .poll(() => page.locator('#errata-toast [role=status]').textContent(), ROUND_TRIP)
        .not.toBe('');
      await animationsDone(page);
      expect(await violations('errata-toast', 'div')).toEqual([]);
    });
  }

  it('is a labelled, described modal dialog with its results in a live region', async () => {
    await open();
    const dialog = await openDialog();
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    expect(await page.getByRole('dialog', { name: 'Report a mistake' }).count()).toBe(1);
    expect(await dialog.evaluate((element) => element.matches(':modal'))).toBe(true);
    const described = await dialog.evaluate(
      (element) =>
        element.getRootNode() instanceof ShadowRoot &&
        (element.getRootNode() as ShadowRoot).getElementById(element.getAttribute('aria-describedby') ?? '')
          ?.textContent,
    );
    expect(described).toBe('The mayor of Minks said no to the new bridge.');
    // The page behind is out of reach while it is open.
    const focusedBehind = await page.evaluate(() => {
      (document.getElementById('headline') as HTMLElement).focus();
      return document.activeElement?.id;
    });
    expect(focusedBehind).toBe('errata-widget');
    // The live region is there, empty, before it speaks: screen readers announce changes, not births.
    const status = dialog.getByRole('status');
    expect(await status.textContent()).toBe('');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await statusReads(page, 'Thank you! The editors will see it.');
    expect(await status.getAttribute('id')).toBe('errata-status');
  });

  it('shows a visible focus ring on every control', async () => {
    await open();
    await openDialog();
    for (const name of ['comment', 'Cancel', 'Send', 'kind', 'suggestion']) {
      await page.keyboard.press('Tab');
      const outline = await page.evaluate(() => {
        const active = document.getElementById('errata-widget')?.shadowRoot?.activeElement as Element;
        const style = getComputedStyle(active);
        return {
          name: active.getAttribute('name') || active.textContent,
          width: style.outlineWidth,
          style: style.outlineStyle,
        };
      });
      expect(outline).toEqual({ name, width: '2px', style: 'solid' });
    }
  });

  it("follows the reader's dark colour scheme", async () => {
    await open({ colorScheme: 'dark' });
    const dialog = await openDialog();
    const colours = await dialog.evaluate((element) => {
      const style = getComputedStyle(element);
      return { background: style.backgroundColor, text: style.color };
    });
    expect(colours).toEqual({ background: 'rgb(32, 33, 36)', text: 'rgb(232, 232, 237)' });
  });

  it('does not animate for a reader who asks for reduced motion, and does otherwise', async () => {
    await open({ reducedMotion: 'reduce' });
    let dialog = await openDialog();
    expect(await dialog.evaluate((element) => getComputedStyle(element).animationName)).toBe('none');
    await page.context().close();

    await open({ reducedMotion: 'no-preference' });
    dialog = await openDialog();
    expect(await dialog.evaluate((element) => getComputedStyle(element).animationName)).not.toBe('none');
  });

  it('keeps every control reachable at 200% zoom', async () => {
    // A 1280×800 window at 200% zoom lays out as 640×400 CSS pixels.
    await open({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
    const dialog = await openDialog();
    const box = await dialog.boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= 400 && box.x >= 0 && box.x + box.width <= 640).toBe(
      true,
    );
    // The dialog scrolls inside itself; the controls below the fold are there to scroll to.
    const send = dialog.getByRole('button', { name: 'Send' });
    await send.scrollIntoViewIfNeeded();
    expect(await send.isVisible()).toBe(true);
    await send.click();
    await statusReads(page, 'Thank you! The editors will see it.');
  });
});

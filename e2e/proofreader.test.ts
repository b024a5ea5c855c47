/**
 * The proofreader in the editors' inbox, in a real browser against a real server on the demo
 * newsroom: a page's first reader report has the proofreader read the page, its findings
 * arrive as errata apart from the readers' (a badge, a filter), the detail shows a finding's
 * message and suggestion, "Not a mistake" on a spelling finding teaches the site its word
 * (Settings → Site words), and "Proofread page" reads a page on demand and says what it found.
 */
import { type Erratum, PROOFREAD_PAGES_PER_HOUR } from '@errata/core';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './harness/axe.ts';
import { skipWithoutChromium } from './harness/browser.ts';
import { useWidgetSite } from './harness/widget-site.ts';

const skip = skipWithoutChromium();
/** The demo article with a misspelt place name ("Roterdam") and a missing space ("harbour.The"). */
const ARTICLE = '/demo/articles/harbour-bridge.html';
// Renders and events on a loaded machine: polls wait this long at most.
const LIVE = { timeout: 10_000 };
/**
 * The first report's proofreading is a queued job (polled every few seconds) that fetches the
 * page and loads a dictionary: the first errata may take this long.
 */
const PROOFREAD = { timeout: 60_000, interval: 500 };
/** Rules whose "not a mistake" teaches the site its word (the server's WORD_TEACHING_RULES). */
const WORD_RULES = ['spelling', 'consistency', 'split-word'];

describe.skipIf(skip)('the proofreader in the inbox', () => {
  const site = useWidgetSite({ demo: true });
  /** The owner's browser, signed in once (sign-in is rate limited). */
  let ownerBrowser: BrowserContext;
  /** The reader's erratum that made the proofreader read the page. */
  let readerErratum: string;

  /** The demo site's errata of the article, as the owner's API lists them. */
  async function articleErrata(query = ''): Promise<Erratum[]> {
    const page = await site.owner<{ items: Erratum[] }>(
      'GET',
      `/api/v1/errata?site=${site.id}&limit=100${query}`,
    );
    return page.items.filter((erratum) => erratum.url.endsWith(ARTICLE));
  }
  const proofread = async () => (await articleErrata()).filter((erratum) => erratum.source === 'proofreader');

  async function openInbox(search = ''): Promise<Page> {
    const page = await ownerBrowser.newPage();
    await page.goto(`${site.server.url}/admin/${search}`);
    await page.locator('.inbox[data-live="live"]').waitFor();
    await page.locator('.loading').waitFor({ state: 'detached' });
    return page;
  }

  beforeAll(async () => {
    const page = await site.signInToDashboard();
    await page.locator('.inbox').waitFor();
    ownerBrowser = page.context();
    await page.close();
  });

  it("proposes the page's mistakes on its first report, badged and filtered apart from the readers'", async () => {
    readerErratum = await site.postReport({
      url: ARTICLE,
      title: 'Old Harbour swing bridge',
      lang: 'en',
      kind: 'factual',
      quote: { exact: '1889', prefix: 'opened in ', suffix: '' },
      position: { start: 0, end: 4 },
      suggestion: '1898',
    });
    await expect.poll(async () => (await proofread()).length, PROOFREAD).toBeGreaterThan(0);
    const found = await proofread();
    expect(found.every((erratum) => erratum.reports === 0 && erratum.finding !== null)).toBe(true);
    expect(found.map((erratum) => erratum.quote.exact)).toContain('Roterdam');

    const inbox = await openInbox();
    const proofreaderCards = inbox.locator('article.erratum[data-source="proofreader"]');
    await expect.poll(() => proofreaderCards.count(), LIVE).toBe(found.length);
    // The badge is words, not a colour; the readers' card counts its report, the proofreader's none.
    const roterdam = found.find((erratum) => erratum.quote.exact === 'Roterdam')!;
    const roterdamCard = inbox.locator(`article.erratum[data-erratum-id="${roterdam.id}"]`);
    expect(await roterdamCard.locator('.badge-proofreader').textContent()).toBe('Proofreader');
    expect(await roterdamCard.locator('.finding-rule').textContent()).toContain(roterdam.finding!.rule);
    expect(await roterdamCard.locator('.report-count').count()).toBe(0);
    const readerCard = inbox.locator(`article.erratum[data-erratum-id="${readerErratum}"]`);
    expect(await readerCard.locator('.report-count').textContent()).toBe('1 report');
    expect(await readerCard.locator('.badge-proofreader').count()).toBe(0);
    expect(await axeViolations(inbox), 'inbox with proofreader errata').toEqual([]);

    await inbox.locator('select[name="source"]').selectOption('proofreader');
    await expect.poll(() => readerCard.count(), LIVE).toBe(0);
    await expect
      .poll(() => inbox.evaluate(() => new URLSearchParams(location.search).get('source')), LIVE)
      .toBe('proofreader');
    // The reader's card goes as the list is fetched again: the proofreader's come back with it.
    await expect.poll(() => inbox.locator('article.erratum').count(), LIVE).toBe(found.length);
    // The filter lives in the address: a reload keeps it.
    await inbox.reload();
    await inbox.locator('.loading').waitFor({ state: 'detached' });
    expect(await inbox.locator('select[name="source"]').inputValue()).toBe('proofreader');
    await expect.poll(() => inbox.locator('article.erratum').count(), LIVE).toBe(found.length);
    expect(await inbox.locator('article.erratum[data-source="reader"]').count()).toBe(0);

    await inbox.locator('select[name="source"]').selectOption('reader');
    await expect.poll(() => inbox.locator('article.erratum').count(), LIVE).toBe(1);
    expect(await readerCard.count()).toBe(1);
  }, 90_000);

  it('shows a finding in the detail, and "Not a mistake" teaches the site its word', async () => {
    const found = await proofread();
    const taught =
      found.find(
        (erratum) => erratum.quote.exact === 'Roterdam' && WORD_RULES.includes(erratum.finding!.rule),
      ) ?? found.find((erratum) => WORD_RULES.includes(erratum.finding!.rule));
    expect(taught, 'a spelling or consistency finding on the article').toBeDefined();
    const { finding, quote } = taught!;

    const inbox = await openInbox(`?site=${site.id}&source=proofreader&open=${taught!.id}`);
    const detail = inbox.locator('.detail');
    await detail.locator('.finding-detail').waitFor();
    expect(await detail.locator('.badge-proofreader').textContent()).toBe('Proofreader');
    expect(await detail.locator('.finding-detail .finding-message').textContent()).toBe(finding!.message);
    if (finding!.suggestions.length > 0) {
      expect(await detail.locator('.finding-detail .suggestion-diff').first().textContent()).toContain(
        finding!.suggestions[0],
      );
    }
    const hint = detail.locator('.reject-hint');
    expect(await hint.textContent()).toContain(`adds “${quote.exact}” to the site's words`);
    expect(await axeViolations(inbox), "a proofreader erratum's detail").toEqual([]);

    await detail.getByRole('button', { name: 'Not a mistake', exact: true }).click();
    await expect
      .poll(async () => (await site.owner<Erratum>('GET', `/api/v1/errata/${taught!.id}`)).status, LIVE)
      .toBe('rejected');

    await inbox.goto(`${site.server.url}/admin/settings?site=${site.id}`);
    const words = inbox.locator('.word-list');
    const learned = words.locator('.site-word', { hasText: quote.exact });
    await expect.poll(() => learned.count(), LIVE).toBe(1);
    expect(await learned.locator('.site-word-origin').textContent()).toContain(
      'learned from a rejected finding',
    );
    expect(await axeViolations(inbox), 'settings with site words').toEqual([]);

    // An editor adds a word by hand, and takes it off again.
    await inbox.getByLabel('Word to add').fill('Lukashenka');
    await inbox.getByRole('button', { name: 'Add word' }).click();
    const added = words.locator('.site-word', { hasText: 'Lukashenka' });
    await expect.poll(() => added.count(), LIVE).toBe(1);
    expect(await added.locator('.site-word-origin').textContent()).toContain('added by an editor');
    await added.getByRole('button', { name: 'Remove “Lukashenka”' }).click();
    await expect.poll(() => added.count(), LIVE).toBe(0);
    expect(await learned.count()).toBe(1);
  });

  it('proofreads a page on demand and says what it found', async () => {
    const inbox = await openInbox(`?site=${site.id}`);
    const group = inbox.locator('.page-group', { has: inbox.locator('.page-url', { hasText: ARTICLE }) });
    const button = group.getByRole('button', { name: 'Proofread page' });
    await button.click();
    const notice = group.locator('.proofread .notice-done');
    await expect.poll(() => notice.textContent(), PROOFREAD).toMatch(/^Proofread: .*\./);
    expect(await button.isDisabled()).toBe(false);
    // Its findings were proposed already (or rejected): nothing new joins the inbox.
    expect(await notice.textContent()).toMatch(/no new errata|no findings/);
  }, 90_000);

  it("says when to try again once the site's hourly proofreads are spent", async () => {
    const page = `${site.server.url}${ARTICLE}`;
    const used = async () => {
      try {
        await site.owner('POST', `/api/v1/sites/${site.id}/proofread`, { url: page });
        return true;
      } catch {
        return false;
      }
    };
    // The previous test used one of the hour's proofreads; spend the rest.
    let spent = 1;
    while (spent < PROOFREAD_PAGES_PER_HOUR && (await used())) spent++;
    expect(spent).toBe(PROOFREAD_PAGES_PER_HOUR);

    const inbox = await openInbox(`?site=${site.id}`);
    const group = inbox.locator('.page-group', { has: inbox.locator('.page-url', { hasText: ARTICLE }) });
    await group.getByRole('button', { name: 'Proofread page' }).click();
    const refusal = group.locator('.proofread .notice-error');
    await expect.poll(() => refusal.textContent(), LIVE).toMatch(/try again in \d+ minutes?/i);
    expect(await group.locator('.proofread .notice-done').count()).toBe(0);
  }, 90_000);
});

/**
 * The editors' inbox in a real browser against a real server, driven the way an editor on
 * shift drives it: a queue triaged with the keyboard alone, a bulk action on selected
 * errata, undo, a report arriving while the inbox is open (also under a filter), the detail
 * with its diff, timeline and notes, search and filters that narrow the list and survive a
 * reload, a site the editor is not a member of, and the phone layout.
 */
import type { Erratum } from '@errata/core';
import { addUser } from '@errata/server';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiSession, apiSession } from './harness/api-session.ts';
import { axeViolations } from './harness/axe.ts';
import { skipWithoutChromium } from './harness/browser.ts';
import { OWNER } from './harness/errata-server.ts';
import { useWidgetSite } from './harness/widget-site.ts';

const skip = skipWithoutChromium();
const COLLEAGUE = { email: 'colleague@example.org', password: 'another horse battery staple' };
// Pages, events and renders on a loaded machine (two cores, many processes): polls wait this long at most.
const LIVE = { timeout: 10_000 };
interface Reported {
  exact: string;
  /** The honeypot a robot fills in. */
  website?: string;
  suggestion?: string;
  comment?: string;
  kind?: 'typo' | 'factual' | 'link' | 'other';
}

describe.skipIf(skip)('the inbox, triaged', () => {
  const site = useWidgetSite({ demo: true });
  /** The owner's browser, signed in once (sign-in is rate limited): every test opens its inbox in a new tab. */
  let ownerBrowser: BrowserContext;
  /** Another editor's API session, for what they do while the owner looks. */
  let colleague: ApiSession;
  /** Reports sent so far, so each new spot sits at a place of its own on the page. */
  let sent = 0;

  beforeAll(async () => {
    await addUser(site.server.store, { ...COLLEAGUE, role: 'editor', sites: ['demo'] });
    // These tests count readers' errata; the proofreader's findings on the article have their own test.
    await site.owner('PATCH', '/api/v1/sites/demo', { proofreadOnFirstReport: false });
    colleague = await apiSession(site.server.url, COLLEAGUE);
    const page = await site.signInToDashboard();
    await page.locator('.inbox').waitFor();
    ownerBrowser = page.context();
    await page.close();
  });

  /** A reader's report on the demo article, sent the way the widget sends it; answers the erratum id. */
  function postReport(report: Reported, at = sent++): Promise<string> {
    const { exact, ...rest } = report;
    return site.postReport({
      url: '/demo/articles/harbour-bridge.html',
      title: 'Old Harbour swing bridge',
      lang: 'en',
      quote: { exact, prefix: `paragraph ${at} says `, suffix: ` and more ${at}` },
      position: { start: at * 1000, end: at * 1000 + exact.length },
      ...rest,
    });
  }

  /** An erratum as the server has it, read through the owner's session. */
  const erratum = (id: string) => site.owner<Erratum>('GET', `/api/v1/errata/${id}`);
  /** An editor's change of an erratum (its status, its assignee), the owner's unless `by` says. */
  const patch = (id: string, change: Record<string, unknown>, by = site.owner) =>
    by('PATCH', `/api/v1/errata/${id}`, change);

  /** The owner's inbox in a new tab, open at `search`, with the list loaded and the live stream open. */
  async function openInbox(search = '', viewport = { width: 1280, height: 900 }): Promise<Page> {
    const page = await ownerBrowser.newPage();
    await page.setViewportSize(viewport);
    await page.goto(`${site.server.url}/admin/${search}`);
    await page.locator('.inbox[data-live="live"]').waitFor();
    await page.locator('.loading').waitFor({ state: 'detached' });
    return page;
  }

  const cards = (page: Page) => page.locator('article.erratum');
  const card = (page: Page, id: string) => page.locator(`article.erratum[data-erratum-id="${id}"]`);
  const statuses = (ids: readonly string[]) => Promise.all(ids.map(async (id) => (await erratum(id)).status));
  const addressParam = (page: Page, name: string) =>
    page.evaluate((param) => new URLSearchParams(location.search).get(param), name);
  const focusedId = (page: Page) =>
    page.evaluate(() => document.activeElement?.closest('article.erratum')?.getAttribute('data-erratum-id'));

  it('triages a queue with the keyboard alone: j/k move, f, n and s decide, and the list follows', async () => {
    const ids: string[] = [];
    for (const exact of ['Keybord', 'Triagge', 'Qeueu', 'Spamm']) ids.push(await postReport({ exact }));
    // Priority order: equal counts, so the latest report comes first.
    const [first, second, third, fourth] = [...ids].reverse() as [string, string, string, string];
    const inbox = await openInbox();
    expect(await cards(inbox).count()).toBe(4);

    await inbox.keyboard.press('j');
    expect(await focusedId(inbox)).toBe(first);
    await inbox.keyboard.press('j');
    expect(await focusedId(inbox)).toBe(second);
    await inbox.keyboard.press('k');
    expect(await focusedId(inbox)).toBe(first);

    await inbox.keyboard.press('f');
    await expect.poll(() => card(inbox, first).count(), LIVE).toBe(0);
    await expect.poll(() => focusedId(inbox), LIVE).toBe(second);
    await inbox.keyboard.press('n');
    await expect.poll(() => card(inbox, second).count(), LIVE).toBe(0);
    await expect.poll(() => focusedId(inbox), LIVE).toBe(third);
    await inbox.keyboard.press('s');
    await expect.poll(() => card(inbox, third).count(), LIVE).toBe(0);
    await expect.poll(() => focusedId(inbox), LIVE).toBe(fourth);
    expect(await cards(inbox).count()).toBe(1);

    await expect
      .poll(() => statuses([first, second, third, fourth]), LIVE)
      .toEqual(['fixed', 'rejected', 'spam', 'open']);

    // The keys are listed under "?", and Escape closes the list of them.
    await inbox.keyboard.press('?');
    const help = inbox.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect.poll(() => help.textContent(), LIVE).toContain('Mark as not a mistake');
    await inbox.keyboard.press('Escape');
    await expect.poll(() => help.count(), LIVE).toBe(0);
    // The focus is back on the card it left, so j, k and f go on from there.
    await expect.poll(() => focusedId(inbox), LIVE).toBe(fourth);

    // Typing in the search box is typing, not triage.
    await inbox.keyboard.press('/');
    await inbox.keyboard.type('fs');
    await expect.poll(() => addressParam(inbox, 'q'), LIVE).toBe('fs');
    expect((await erratum(fourth)).status).toBe('open');
    await inbox.keyboard.press('Escape');
    await inbox.close();
    await patch(fourth, { status: 'fixed' });
  });

  it('undoes the last action: a status change, then an assignment', async () => {
    const id = await postReport({ exact: 'Undoo' });
    const inbox = await openInbox();
    await card(inbox, id).waitFor();

    await inbox.keyboard.press('j');
    expect(await focusedId(inbox)).toBe(id);
    await inbox.keyboard.press('s');
    await expect.poll(() => card(inbox, id).count(), LIVE).toBe(0);
    await expect.poll(async () => (await erratum(id)).status, LIVE).toBe('spam');
    await inbox.keyboard.press('u');
    await expect.poll(() => card(inbox, id).count(), LIVE).toBe(1);
    expect((await erratum(id)).status).toBe('open');
    await expect
      .poll(() => inbox.locator('.notice-done').textContent(), LIVE)
      .toContain('Undone: Marked as spam: “Undoo”.');

    // a opens the picker with the focus in it; the first choice is the editor.
    await card(inbox, id).focus();
    await inbox.keyboard.press('a');
    const picker = inbox.getByRole('dialog', { name: /Assign/ });
    await picker.waitFor();
    await expect
      .poll(() => inbox.evaluate(() => document.activeElement?.textContent), LIVE)
      .toBe(`Me (${OWNER.email})`);
    await inbox.keyboard.press('Enter');
    await expect
      .poll(() => card(inbox, id).locator('.badge-assignee').textContent(), LIVE)
      .toBe(`→ ${OWNER.email}`);
    expect((await erratum(id)).assignee?.id).toBe(site.owner.userId);

    await inbox.keyboard.press('u');
    await expect.poll(async () => (await erratum(id)).assignee, LIVE).toBeNull();
    await expect.poll(() => card(inbox, id).locator('.badge-assignee').count(), LIVE).toBe(0);

    // An undo pressed before the server answered the action still ends with the action undone.
    await card(inbox, id).focus();
    await inbox.keyboard.press('f');
    await inbox.keyboard.press('u');
    await expect
      .poll(() => inbox.locator('.notice-done').textContent(), LIVE)
      .toContain('Undone: Marked as fixed: “Undoo”.');
    expect((await erratum(id)).status).toBe('open');
    expect(await card(inbox, id).count()).toBe(1);
    await inbox.close();
    await patch(id, { status: 'fixed' });
  });

  it('keeps a report spam scoring held in the Spam view with its reason; r restores it to Open', async () => {
    // A robot fills in the dialog's hidden field: held on that alone, never in the Open view.
    const held = await postReport({ exact: 'Helld', website: 'http://cheap.example' });
    expect((await erratum(held)).status).toBe('spam');
    const open = await openInbox();
    expect(await card(open, held).count()).toBe(0);
    await open.close();

    const spam = await openInbox('?status=spam');
    await card(spam, held).waitFor();
    expect(await card(spam, held).locator('.held-reasons').textContent()).toContain(
      'The hidden field that only robots fill in was filled in.',
    );
    await card(spam, held).focus();
    await spam.keyboard.press('r');
    await expect.poll(() => card(spam, held).count(), LIVE).toBe(0);
    await expect.poll(async () => (await erratum(held)).status, LIVE).toBe('open');
    expect((await erratum(held)).spamReasons).toBeNull();
    await spam.close();
    await patch(held, { status: 'fixed' });
  });

  it('acts on the selected errata at once, and undoes the whole bulk action', async () => {
    const ids: string[] = [];
    for (const exact of ['Bulkk one', 'Bulkk two', 'Bulkk three']) ids.push(await postReport({ exact }));
    const keep = await postReport({ exact: 'Unselected' });
    const inbox = await openInbox();
    await expect.poll(() => cards(inbox).count(), LIVE).toBe(4);

    // Two by mouse, one by keyboard (x), then the bulk bar. A ticked checkbox keeps the keys working.
    await card(inbox, ids[0]!).getByRole('checkbox').check();
    await card(inbox, ids[1]!).getByRole('checkbox').check();
    await inbox.keyboard.press('k');
    expect(await focusedId(inbox)).toBe(ids[2]);
    await card(inbox, ids[2]!).focus();
    await inbox.keyboard.press('x');
    const bar = inbox.getByRole('region', { name: 'Selected errata' });
    await expect.poll(() => bar.locator('.bulk-count').textContent(), LIVE).toBe('3 selected');
    await bar.getByRole('button', { name: 'Not a mistake' }).click();
    await expect.poll(() => cards(inbox).count(), LIVE).toBe(1);
    expect(await card(inbox, keep).count()).toBe(1);
    await expect.poll(() => statuses(ids), LIVE).toEqual(['rejected', 'rejected', 'rejected']);
    await expect.poll(() => bar.count(), LIVE).toBe(0);

    await inbox.keyboard.press('u');
    await expect.poll(() => cards(inbox).count(), LIVE).toBe(4);
    expect(await statuses(ids)).toEqual(['open', 'open', 'open']);

    // "Select all on screen", then every one of them to spam by key.
    await inbox.getByRole('checkbox', { name: 'Select all on screen' }).check();
    await expect.poll(() => bar.locator('.bulk-count').textContent(), LIVE).toBe('4 selected');
    await inbox.locator('h2.visually-hidden').focus();
    await inbox.keyboard.press('s');
    await expect.poll(() => cards(inbox).count(), LIVE).toBe(0);
    await expect.poll(() => statuses([...ids, keep]), LIVE).toEqual(['spam', 'spam', 'spam', 'spam']);
    await inbox.close();
  });

  it('shows a report posted while the inbox is open, and keeps a filtered list to its filter', async () => {
    const inbox = await openInbox('?kind=factual');
    expect(await cards(inbox).count()).toBe(0);

    const typo = await postReport({ exact: 'Livee typo' });
    const factual = await postReport({
      exact: 'Livee claim',
      kind: 'factual',
      comment: 'It opened in 1907.',
    });
    await expect.poll(() => card(inbox, factual).count(), LIVE).toBe(1);
    expect(await card(inbox, typo).count()).toBe(0);

    // Another editor's report count and decision arrive too; the decided one leaves the Open tab.
    await postReport({ exact: 'Livee claim', kind: 'factual' }, sent - 1);
    await expect
      .poll(() => card(inbox, factual).locator('.report-count').textContent(), LIVE)
      .toBe('2 reports');
    await patch(factual, { status: 'fixed' }, colleague);
    await expect.poll(() => card(inbox, factual).count(), LIVE).toBe(0);

    // Assigned to me: a colleague's unassignment takes the card out of the list.
    const mine = await postReport({ exact: 'Livee mine' });
    await patch(mine, { assigneeId: site.owner.userId });
    await inbox.goto(`${site.server.url}/admin/?assignee=me`);
    await card(inbox, mine).waitFor();
    await patch(mine, { assigneeId: null }, colleague);
    await expect.poll(() => card(inbox, mine).count(), LIVE).toBe(0);
    await inbox.close();
    await patch(typo, { status: 'fixed' });
    await patch(mine, { status: 'fixed' });
  });

  it('opens the detail: the quote in context, each suggestion as a diff, the timeline, notes and links', async () => {
    const id = await postReport({ exact: 'Lisbno', suggestion: 'Lisbon', comment: 'The capital.' });
    await postReport({ exact: 'Lisbno', suggestion: 'Lisbon' }, sent - 1);
    await postReport({ exact: 'Lisbno', suggestion: '<b>Lisboa</b>' }, sent - 1);
    const inbox = await openInbox();
    await card(inbox, id).waitFor();
    await inbox.keyboard.press('j');
    await inbox.keyboard.press('Enter');
    expect(await addressParam(inbox, 'open')).toBe(id);

    const detail = inbox.locator('.detail');
    await detail.locator('.suggestion-diff').first().waitFor();
    expect(await detail.locator('.quote mark').textContent()).toBe('Lisbno');
    const diffs = detail.locator('.suggestion-diff');
    expect(await diffs.count()).toBe(2);
    // The most suggested first, its letters marked: Lisb, −n, o, +n.
    expect(await diffs.first().locator('del').allTextContents()).toEqual(['n']);
    expect(await diffs.first().locator('ins').allTextContents()).toEqual(['n']);
    expect(await diffs.first().locator('.suggestion-count').textContent()).toContain('×2');
    // A reader's markup stays text.
    expect(await diffs.nth(1).locator('b').count()).toBe(0);
    expect(await diffs.nth(1).textContent()).toContain('<b>');
    expect(await detail.locator('.report-timeline li').count()).toBe(3);
    expect(await detail.locator('.comment').first().textContent()).toBe('The capital.');
    const pageLink = await detail.getByRole('link', { name: /Open on the page/ }).getAttribute('href');
    expect(pageLink).toContain('/demo/articles/harbour-bridge.html#:~:text=');

    await detail.getByLabel('Add a note for the other editors').fill('Asked the author to check.');
    await detail.getByRole('button', { name: 'Add note' }).click();
    await expect
      .poll(() => detail.locator('.note p').first().textContent(), LIVE)
      .toBe('Asked the author to check.');
    await detail.getByRole('button', { name: 'Fixed', exact: true }).click();
    await expect
      .poll(() => detail.locator('.audit-log').textContent(), LIVE)
      .toContain(`${OWNER.email} marked it as fixed`);
    expect(await detail.locator('.audit-log').textContent()).toContain('added a note');

    await inbox.keyboard.press('Escape');
    await expect.poll(() => detail.count(), LIVE).toBe(0);
    expect(await addressParam(inbox, 'open')).toBeNull();
    await inbox.close();
  });

  it('has no axe-core violations in the inbox, the open detail and the help, light and dark', async () => {
    const id = await postReport({ exact: 'Axxe', suggestion: 'Axe', comment: 'A tool, not a typo.' });
    await postReport({ exact: 'Axxe', suggestion: 'Ax', kind: 'factual' }, sent - 1);
    for (const colorScheme of ['light', 'dark'] as const) {
      const inbox = await openInbox();
      await inbox.emulateMedia({ colorScheme });
      await card(inbox, id).getByRole('checkbox').check();
      expect(await axeViolations(inbox), `inbox, ${colorScheme}`).toEqual([]);

      await card(inbox, id).getByRole('button', { name: 'Details' }).click();
      await inbox.locator('.detail .suggestion-diff').first().waitFor();
      expect(await axeViolations(inbox), `detail, ${colorScheme}`).toEqual([]);

      await inbox.locator('.detail h2').focus();
      await inbox.keyboard.press('?');
      await inbox.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
      expect(await axeViolations(inbox), `help, ${colorScheme}`).toEqual([]);
      await inbox.close();
    }
    await patch(id, { status: 'fixed' });
  });

  it('narrows the list by search and filters, kept in the address through a reload', async () => {
    const harbour = await postReport({ exact: 'Harbor', suggestion: 'Harbour' });
    const bridge = await postReport({ exact: 'Brigde', kind: 'factual' });
    const inbox = await openInbox();
    /** Which of the two the list shows once it has settled (a list on its way shows neither). */
    const shown = () =>
      inbox.evaluate(
        ([a, b]) =>
          document.querySelector('.loading')
            ? 'loading'
            : [a, b]
                .filter((id) => document.querySelector(`article.erratum[data-erratum-id="${id}"]`))
                .join(' '),
        [harbour, bridge],
      );
    await expect.poll(shown, LIVE).toBe(`${harbour} ${bridge}`);

    await inbox.keyboard.press('/');
    await inbox.keyboard.type('brig');
    await expect.poll(shown, LIVE).toBe(bridge);
    expect(await addressParam(inbox, 'q')).toBe('brig');

    await inbox.reload();
    await card(inbox, bridge).waitFor();
    await expect.poll(shown, LIVE).toBe(bridge);
    expect(await inbox.getByRole('searchbox').inputValue()).toBe('brig');

    await inbox.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(shown, LIVE).toBe(`${harbour} ${bridge}`);
    await inbox.locator('select[name="suggestion"]').selectOption('yes');
    await expect.poll(shown, LIVE).toBe(harbour);
    await inbox.locator('select[name="suggestion"]').selectOption('');
    await inbox.locator('select[name="kind"]').selectOption('factual');
    await expect.poll(shown, LIVE).toBe(bridge);
    expect(await addressParam(inbox, 'kind')).toBe('factual');
    await inbox.goBack();
    await expect.poll(shown, LIVE).toBe(`${harbour} ${bridge}`);
    await inbox.close();
  });

  it('shows nothing of a site the editor is not a member of, asked for in the address', async () => {
    const other = await site.owner<{ id: string; publicKey: string }>('POST', '/api/v1/sites', {
      id: 'elsewhere',
      name: 'Elsewhere',
      allowedOrigins: [site.server.url],
    });
    await site.postReport({
      site: other.publicKey,
      url: '/elsewhere/secret.html',
      quote: { exact: 'Secrett', prefix: 'a ', suffix: ' b' },
      position: { start: 2, end: 9 },
    });

    const page = await site.signInToDashboard(COLLEAGUE, {
      path: `/admin/?site=${encodeURIComponent(other.id)}`,
    });
    await page.locator('.inbox[data-live="live"]').waitFor();
    await page.locator('.loading').waitFor({ state: 'detached' });
    expect(await page.locator('.site-name').textContent()).not.toBe('Elsewhere');
    expect(await page.locator('body').textContent()).not.toContain('Secrett');
    await page.close();
  });

  it('works on a phone: the detail takes the screen, the bulk bar sits at the bottom', async () => {
    const id = await postReport({ exact: 'Phonne', suggestion: 'Phone' });
    const phone = { width: 390, height: 844 };
    const inbox = await openInbox('', phone);
    await card(inbox, id).waitFor();

    await card(inbox, id).getByRole('checkbox').check();
    const bar = await inbox.getByRole('region', { name: 'Selected errata' }).boundingBox();
    expect(bar).not.toBeNull();
    expect(Math.round(bar!.y + bar!.height)).toBe(phone.height);
    expect(Math.round(bar!.width)).toBe(phone.width);
    const fixed = await card(inbox, id).getByRole('button', { name: 'Fixed', exact: true }).boundingBox();
    expect(fixed!.height).toBeGreaterThanOrEqual(44);

    await card(inbox, id).getByRole('button', { name: 'Details' }).click();
    await inbox.locator('.detail .suggestion-diff').waitFor();
    const panel = await inbox.locator('.detail-panel').boundingBox();
    expect(panel).toEqual({ x: 0, y: 0, width: phone.width, height: phone.height });
    await inbox.getByRole('button', { name: 'Close details' }).click();
    await expect.poll(() => inbox.locator('.detail-panel').count(), LIVE).toBe(0);
    await inbox.close();
  });
});

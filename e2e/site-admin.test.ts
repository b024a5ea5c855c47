/**
 * Site administration in a real browser against a real server: the owner invites an editor
 * by link, the editor opens it in another browser, creates an account and lands in the
 * site's inbox; the owner then makes them a viewer, and the viewer can no longer triage.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { skipWithoutChromium } from './harness/browser.ts';
import { useWidgetSite } from './harness/widget-site.ts';

const skip = skipWithoutChromium();
const NEWCOMER = { email: 'newcomer@example.org', password: 'a newcomer passphrase' };
const WAIT = { timeout: 10_000 };

describe.skipIf(skip)('site administration', () => {
  const site = useWidgetSite({ demo: true });

  beforeAll(async () => {
    await site.postReport({
      url: '/demo/articles/harbour-bridge.html',
      quote: { exact: 'Roterdam', prefix: 'engineers from ', suffix: ' will inspect the' },
      position: { start: 120, end: 128 },
      suggestion: 'Rotterdam',
    });
  });

  it('invites an editor by link, who joins with a new account; as a viewer they can no longer triage', async () => {
    const owner = await site.signInToDashboard();
    await owner.getByRole('link', { name: 'Settings' }).click();
    await owner.getByRole('heading', { name: 'Settings of The demo newsroom' }).waitFor();

    // A wrong value is refused at its field, which takes the focus; a right one is saved canonical.
    const language = owner.getByLabel('Default language');
    await language.fill('english');
    await owner.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => language.getAttribute('aria-invalid'), WAIT).toBe('true');
    expect(await language.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await owner.locator('#site-field-defaultLang-error').textContent()).toContain('language tag');
    await language.fill('pt-br');
    await owner.getByRole('button', { name: 'Save settings' }).click();
    await owner.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor(WAIT);
    expect(await language.inputValue()).toBe('pt-BR');
    await owner.getByLabel('Role', { exact: true }).selectOption('editor');
    await owner.getByLabel('E-mail (optional)').fill(NEWCOMER.email);
    await owner.getByRole('button', { name: 'Create invitation link' }).click();
    const linkField = owner.getByLabel(/Invitation link/);
    await linkField.waitFor();
    const link = await linkField.inputValue();
    expect(link).toMatch(/\/admin\/invite\?token=/);
    await expect
      .poll(() => owner.locator('.invitation').first().textContent(), WAIT)
      .toContain(NEWCOMER.email);

    // The newcomer, in a browser of their own (a phone: the screen must work at 320 px).
    const phone = await site.browser.newContext({ viewport: { width: 320, height: 640 } });
    const newcomer = await phone.newPage();
    // The harness's server names port 0 in its public URL (it listens on a free one): use the port it got.
    await newcomer.goto(link.replace(/^https?:\/\/[^/]+/, site.server.url));
    await newcomer.getByRole('heading', { name: 'Join The demo newsroom' }).waitFor();
    expect(await newcomer.locator('main').textContent()).toContain('invited as editor');
    const overflow = await newcomer.evaluate(() => document.documentElement.scrollWidth > innerWidth);
    expect(overflow).toBe(false);
    await newcomer.locator('input[name="email"]').fill(NEWCOMER.email);
    await newcomer.locator('input[name="password"]').fill(NEWCOMER.password);
    await newcomer.locator('input[name="confirm"]').fill(NEWCOMER.password);
    await newcomer.getByRole('button', { name: 'Create account and join' }).click();
    await newcomer.getByRole('button', { name: 'Sign out' }).waitFor(WAIT);
    const card = newcomer.locator('article.erratum[data-source="reader"]');
    await expect.poll(() => card.count(), WAIT).toBe(1);
    expect(await card.first().textContent()).toContain('Roterdam');
    expect(await card.first().getByRole('button', { name: 'Fixed' }).count()).toBe(1);

    // The link worked once.
    const again = await fetch(
      `${site.server.url}/api/v1/invitations/${new URL(link).searchParams.get('token')}`,
    );
    expect(again.status).toBe(404);

    // The owner sees the newcomer among the members and makes them a viewer.
    await owner.reload();
    const role = owner.getByLabel(`Role of ${NEWCOMER.email}`);
    await role.waitFor(WAIT);
    expect(await role.inputValue()).toBe('editor');
    await role.selectOption('viewer');
    await expect
      .poll(() => owner.getByRole('status').filter({ hasText: 'is now a viewer' }).count(), WAIT)
      .toBe(1);

    await newcomer.reload();
    await newcomer.getByText('View only').waitFor(WAIT);
    await expect.poll(() => card.count(), WAIT).toBe(1);
    expect(await card.first().getByRole('button', { name: 'Fixed' }).count()).toBe(0);
    // Nor can the viewer triage through the API with their session.
    const status = await newcomer.evaluate(async () => {
      const session = await (await fetch('/api/v1/session')).json();
      const list = await (await fetch('/api/v1/errata?site=demo&status=open')).json();
      const answer = await fetch(`/api/v1/errata/${list.items[0].id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ status: 'fixed' }),
      });
      return answer.status;
    });
    expect(status).toBe(403);

    // The viewer reads the site's settings but is offered nothing to change.
    await newcomer.getByRole('link', { name: 'Settings' }).click();
    await newcomer.getByRole('heading', { name: 'Settings of The demo newsroom' }).waitFor(WAIT);
    expect(await newcomer.getByText('only its owners change these settings').count()).toBe(1);
    expect(await newcomer.getByRole('button', { name: 'Save settings' }).count()).toBe(0);
    expect(await newcomer.getByRole('heading', { name: 'Invitations' }).count()).toBe(0);
    expect(await newcomer.getByRole('button', { name: 'Leave this site' }).count()).toBe(1);
    await phone.close();
    await owner.context().close();
  });
});

/**
 * Hostile text, rendered everywhere it is shown: 423 payloads (every vector after every
 * breakout, testing/hostile-inputs.ts) in every field a reader fills through the real report
 * API and in every field an editor fills, then every dashboard view, the public corrections
 * log, its feeds, the exports and the bodies chat tools receive, opened in Chromium twice: with
 * the server's Content-Security-Policy, and with it stripped, so that the rendering alone must
 * hold. Not one payload may run (a call of `window.__pwned(n)`, or a dialog).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ReportKind, WEBHOOK_FORMATS } from '@errata/core';
import { addUser } from '@errata/server';
import { HOSTILE_MARKUP } from '@errata/server/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipWithoutChromium } from './harness/browser.ts';
import {
  type HostileWatch,
  hostileElements,
  scriptAddresses,
  watchForHostileScript,
} from './harness/hostile-watch.ts';
import { useWidgetSite } from './harness/widget-site.ts';

const skip = skipWithoutChromium();
const P = HOSTILE_MARKUP;
const KINDS: ReportKind[] = ['typo', 'factual', 'link', 'other'];
/** Errata carrying two payloads in each reader field: every payload in every field, across them. */
const WIDE = Math.ceil(P.length / 2);
/** Payloads per erratum opened in the detail panel (in its reports' suggestions and comments, and its notes). */
const PER_DETAIL = 72;
/** Reports of one detail erratum: each names a sixth of its payloads. */
const REPORTS_PER_DETAIL = 6;
/** Payloads per editor's note (a note holds 2,000 characters). */
const PER_NOTE = 24;
const WAIT = { timeout: 15_000 };
/** Requests the setup sends side by side. */
const SENT_AT_ONCE = 8;
/** A member's address with a payload in it (e-mail addresses hold no spaces). */
const HOSTILE_MEMBERS = P.filter((payload) => !/\s/.test(payload))
  .slice(0, 3)
  .map((payload) => `${payload}@members.example`);

/** Addresses invited to the site, hostile too. */
const HOSTILE_INVITEES = P.filter((payload) => !/\s/.test(payload))
  .slice(3, 8)
  .map((payload) => `${payload}@invited.example`);

/** A chat receiver: keeps every body; one path answers with an error whose text is hostile. */
interface Receiver {
  url: string;
  bodies: { path: string; body: string }[];
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const bodies: Receiver['bodies'] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push({ path: request.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
      if (request.url?.includes('failing')) {
        response.writeHead(500, { 'content-type': 'text/html' }).end(P.slice(0, 20).join(''));
      } else {
        response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.skipIf(skip)('hostile text, rendered', () => {
  const site = useWidgetSite({ demo: true, local: true });
  let receiver: Receiver;
  /** The errata listed in the inbox's tabs, the log and the feeds; payloads 2i and 2i+1 in each field. */
  const wide: string[] = [];
  /** The errata whose detail is opened, with PER_DETAIL payloads each. */
  const detailed: string[] = [];
  /** What each browser (CSP on, CSP off) saw, and what it was shown. */
  const browsers: { csp: boolean; context: BrowserContext; watch: HostileWatch; views: Set<string> }[] = [];
  /** Addresses that would run script when followed, and elements a payload would have made, by view. */
  const scriptLinks: string[] = [];
  const madeElements: string[] = [];

  beforeAll(async () => {
    receiver = await startReceiver();
    // Editor fields: the site's name, its desks, a CMS link, members, invitations, webhooks.
    await site.owner('PATCH', '/api/v1/sites/demo', {
      name: P[0]?.slice(0, 60),
      desks: Object.fromEntries(KINDS.map((kind, i) => [kind, P[i + 1]])),
      publicLog: true,
      readerEmail: true,
      // The tabs' counts are readers' errata; the proofreader's findings have their own test.
      proofreadOnFirstReport: false,
    });
    await site
      .owner('PATCH', '/api/v1/sites/demo', {
        cmsLinkTemplate: `https://cms.example/edit?u={url}&x="><img src=x onerror=__pwned(${P.length})>`,
      })
      .catch(() => {}); // Refused or not: a link the dashboard would show.
    const members: string[] = [];
    for (const email of HOSTILE_MEMBERS) {
      members.push(
        (
          await addUser(site.server.store, {
            email,
            password: 'a hostile passphrase',
            role: 'editor',
            sites: ['demo'],
          })
        ).userId,
      );
    }
    for (const email of HOSTILE_INVITEES) {
      await site.owner('POST', '/api/v1/sites/demo/invitations', { role: 'editor', email });
    }

    // Reader fields, through the real report API: quote (exact, prefix, suffix), suggestion,
    // comment, title, the page's path and query, the reader's e-mail, every kind.
    const sendWide = async (i: number) => {
      const a = P[2 * i] as string;
      const b = P[(2 * i + 1) % P.length] as string;
      const exact = `${a} ${b}`;
      wide[i] = await site.postReport({
        url: `/demo/articles/${encodeURIComponent(a)}?q=${encodeURIComponent(b)}`,
        title: `${a} ${b}`,
        lang: 'en',
        quote: { exact, prefix: a, suffix: b },
        position: { start: i * 1000, end: i * 1000 + exact.length },
        suggestion: `${b} ${a}`,
        comment: `${a}\n${b}`,
        kind: KINDS[i % KINDS.length] as ReportKind,
        email: `x'/onfocus='__pwned\`${2 * i}\`'@readers.example`,
      });
    };
    for (let i = 0; i < WIDE; i += SENT_AT_ONCE) {
      await Promise.all(Array.from({ length: Math.min(SENT_AT_ONCE, WIDE - i) }, (_, k) => sendWide(i + k)));
    }
    // Chat tools and receivers hear of the detail errata's reports (every payload), not of the
    // hundreds of errata and changes before and after them: the deliveries would outlast the test.
    const events = ['erratum.created', 'erratum.reported'];
    for (const format of WEBHOOK_FORMATS) {
      await site.owner('POST', '/api/v1/sites/demo/webhooks', {
        url: `${receiver.url}/${format}/${encodeURIComponent(P[7] ?? '')}?x=${encodeURIComponent(P[8] ?? '')}`,
        format,
        events,
      });
    }
    await site.owner('POST', '/api/v1/sites/demo/webhooks', {
      url: `${receiver.url}/failing`,
      format: 'json',
      events,
    });
    for (let d = 0; d * PER_DETAIL < P.length; d++) {
      const payloads = P.slice(d * PER_DETAIL, (d + 1) * PER_DETAIL);
      const perReport = Math.ceil(payloads.length / REPORTS_PER_DETAIL);
      const exact = payloads.join(' ').slice(0, 500);
      let id = '';
      for (let r = 0; r < REPORTS_PER_DETAIL; r++) {
        const mine = payloads.slice(r * perReport, (r + 1) * perReport);
        id = await site.postReport({
          url: `/demo/articles/detail-${d}.html`,
          title: mine.join(' ').slice(0, 300),
          quote: { exact, prefix: 'The detail says ', suffix: ' and no more.' },
          position: { start: 10, end: 10 + exact.length },
          suggestion: mine.join(' '),
          comment: mine.join('\n'),
          kind: KINDS[r % KINDS.length] as ReportKind,
        });
      }
      detailed.push(id);
      // An editor's notes, and the assignment to a member whose address is hostile.
      for (let n = 0; n < payloads.length; n += PER_NOTE) {
        await site.owner('POST', `/api/v1/errata/${id}/notes`, {
          text: payloads.slice(n, n + PER_NOTE).join('\n'),
        });
      }
      await site.owner('PATCH', `/api/v1/errata/${id}`, { assigneeId: members[d % members.length] });
    }
    for (const [m, assigneeId] of members.entries()) {
      const ids = wide.filter((_, i) => i % members.length === m);
      await site.owner('POST', '/api/v1/errata/bulk', { site: 'demo', ids, change: { assigneeId } });
    }

    for (const csp of [true, false]) {
      const page = await site.signInToDashboard();
      const context = page.context();
      await page.close();
      browsers.push({ csp, context, watch: await watchForHostileScript(context, csp), views: new Set() });
    }
  });
  afterAll(async () => {
    for (const { context } of browsers) await context.close();
    await receiver?.close();
  });

  /**
   * Opens `path` of the server in each browser, lets `ready` wait for what it shows (and go on
   * to the other views `names` lists, shown in the same page), and checks the page's links.
   */
  async function view(names: string[], path: string, ready: (page: Page) => Promise<void>): Promise<void> {
    // The two browsers side by side: a view's page is open in both at once.
    await Promise.all(
      browsers.map(async (browser) => {
        const page = browser.watch.watch(await browser.context.newPage());
        await page.goto(`${site.server.url}${path}`);
        await ready(page);
        // Time for what a payload would set going (an image's error, a frame's load, a focus).
        await page.waitForTimeout(150);
        scriptLinks.push(...(await scriptAddresses(page)).map((link) => `${names[0]}: ${link}`));
        madeElements.push(...(await hostileElements(page)).map((element) => `${names[0]}: ${element}`));
        for (const name of names) browser.views.add(name);
        await page.close();
      }),
    );
  }

  /** Shows `text` as a receiver or a spreadsheet would get it: as text, in a page of its own. */
  async function asText(name: string, text: string): Promise<void> {
    for (const browser of browsers) {
      const page = browser.watch.watch(await browser.context.newPage());
      await page.goto(`${site.server.url}/healthz`);
      await page.evaluate((body) => {
        document.body.replaceChildren();
        const pre = document.createElement('pre');
        pre.textContent = body;
        document.body.append(pre);
      }, text);
      await page.waitForTimeout(50);
      browser.views.add(name);
      await page.close();
    }
  }

  /** A tab of the inbox, every erratum of it loaded; then, in the same page, the views `then` names. */
  async function inboxTab(
    status: string,
    expected: number,
    then: { names: string[]; show: (page: Page) => Promise<void> } = { names: [], show: async () => {} },
  ): Promise<void> {
    await view([`inbox: ${status}`, ...then.names], `/admin/?site=demo&status=${status}`, async (page) => {
      const cards = page.locator('article.erratum');
      const more = page.locator('.load-more button:not([disabled])');
      // Page after page, as an editor clicking "Load more" until the tab is all there.
      await expect
        .poll(async () => {
          const shown = await cards.count();
          if (shown < expected && (await more.count()) > 0) await more.click();
          return shown;
        }, WAIT)
        .toBe(expected);
      await then.show(page);
    });
  }

  async function markAll(ids: string[], status: string): Promise<void> {
    await site.owner('POST', '/api/v1/errata/bulk', { site: 'demo', ids, change: { status } });
  }

  it('would see a payload that ran: set as HTML in the dashboard, many run without its CSP, none with it', async () => {
    /** Payloads that ran when set with innerHTML into the dashboard, with or without its CSP. */
    const ranAsHtml = async (csp: boolean): Promise<number> => {
      const context = await site.browser.newContext();
      try {
        const watch = await watchForHostileScript(context, csp);
        const page = watch.watch(await context.newPage());
        await page.goto(`${site.server.url}/admin/`);
        // What a careless renderer does with reader text: the very thing the dashboard never does.
        await page.evaluate((payloads) => {
          for (const payload of payloads) {
            const sink = document.createElement('div');
            sink.innerHTML = payload;
            document.body.append(sink);
          }
        }, P);
        // Images fail and frames load a while after: count once nothing new ran for half a second.
        const ran = () => new Set(watch.executions).size + watch.dialogs.length;
        for (let before = -1; before !== ran(); ) {
          before = ran();
          await page.waitForTimeout(500);
        }
        // The views' other check sees what was made, run or not.
        expect((await hostileElements(page)).length).toBeGreaterThan(P.length / 2);
        return ran();
      } finally {
        await context.close();
      }
    };
    const [withCsp, withoutCsp] = [await ranAsHtml(true), await ranAsHtml(false)];
    console.log(
      `hostile rendering, control: set as HTML, ${withoutCsp} of ${P.length} payloads run without the CSP, ${withCsp} with it`,
    );
    expect(withoutCsp).toBeGreaterThan(P.length / 4);
    expect(withCsp).toBe(0);
  });

  it(`runs none of ${P.length} payloads in any view, with the CSP and without it`, async () => {
    await inboxTab('open', wide.length + detailed.length, {
      names: ['detail: reports, comments, notes and history'],
      // Each detail in turn, opened from its card as an editor does: reports, comments, history.
      show: async (page) => {
        for (const [d, id] of detailed.entries()) {
          await page
            .locator(`article.erratum[data-erratum-id="${id}"]`)
            .getByRole('button', { name: 'Details' })
            .click();
          const detail = page.locator(`.detail[data-erratum-id="${id}"]`);
          await detail.locator('.audit-log').waitFor(WAIT);
          // The last note's last payload is on the screen, as text.
          const last = P[Math.min((d + 1) * PER_DETAIL, P.length) - 1] as string;
          await expect.poll(() => detail.textContent(), WAIT).toContain(last);
          await page.waitForTimeout(50);
        }
      },
    });
    await view(
      ['search results'],
      `/admin/?site=demo&q=${encodeURIComponent(P[1] as string)}`,
      async (page) => {
        await expect.poll(() => page.locator('article.erratum').count(), WAIT).toBeGreaterThan(0);
      },
    );
    await view(['settings, members and invitations'], '/admin/settings?site=demo', async (page) => {
      await page.getByRole('heading', { name: /^Settings of / }).waitFor(WAIT);
      await expect.poll(() => page.locator('main').textContent(), WAIT).toContain(HOSTILE_MEMBERS[0]);
    });
    await expect.poll(() => receiver.bodies.length, WAIT).toBeGreaterThan(WEBHOOK_FORMATS.length);
    await view(
      ['notifications, webhooks and delivery log'],
      '/admin/notifications?site=demo',
      async (page) => {
        await page.locator('.delivery-table').waitFor(WAIT);
      },
    );

    await markAll(wide, 'fixed');
    const notePublicly = (i: number) =>
      site.owner('PUT', `/api/v1/errata/${wide[i]}/public-note`, {
        note: `${P[2 * i]} ${P[2 * i + 1] ?? ''}`,
      });
    for (let i = 0; i < WIDE; i += SENT_AT_ONCE) {
      await Promise.all(
        Array.from({ length: Math.min(SENT_AT_ONCE, WIDE - i) }, (_, k) => notePublicly(i + k)),
      );
    }
    await inboxTab('fixed', wide.length);
    await view(['public corrections log'], '/c/demo', async (page) => {
      await expect.poll(() => page.locator('body').textContent(), WAIT).toContain(P[0]);
    });
    await view(['Atom feed'], '/c/demo/atom.xml', async () => {});
    await view(['JSON feed'], '/c/demo/feed.json', async () => {});
    const article = `${site.server.url}/demo/articles/${encodeURIComponent(P[0] as string)}?q=${encodeURIComponent(P[1] as string)}`;
    await view(['article footnote'], `/c/demo/for?url=${encodeURIComponent(article)}`, async () => {});
    for (const format of ['csv', 'json', 'annotation']) {
      const answer = await fetch(`${site.server.url}/api/v1/export?site=demo&format=${format}`, {
        headers: { cookie: await sessionCookie(browsers[0]?.context) },
      });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).not.toMatch(/html/);
      await asText(`${format} export`, await answer.text());
    }
    // Every format's body arrived (Slack, Discord, Teams, Mattermost, signed JSON).
    const formatsHeard = () => new Set(receiver.bodies.map(({ path }) => path.split('/')[1]));
    await expect
      .poll(() => WEBHOOK_FORMATS.filter((format) => !formatsHeard().has(format)), WAIT)
      .toEqual([]);
    await asText('chat and webhook bodies', receiver.bodies.map(({ body }) => body).join('\n'));

    await markAll(wide, 'rejected');
    await inboxTab('rejected', wide.length);
    await markAll(wide, 'spam');
    await inboxTab('spam', wide.length);

    const [on, off] = browsers as [(typeof browsers)[0], (typeof browsers)[0]];
    console.log(
      `hostile rendering: ${P.length} payloads × ${on.views.size} views, ` +
        `${on.watch.executions.length + on.watch.dialogs.length} executions (CSP on), ` +
        `${off.watch.executions.length + off.watch.dialogs.length} (CSP off)`,
    );
    expect({ executions: on.watch.executions, dialogs: on.watch.dialogs }).toEqual({
      executions: [],
      dialogs: [],
    });
    expect({ executions: off.watch.executions, dialogs: off.watch.dialogs }).toEqual({
      executions: [],
      dialogs: [],
    });
    expect([...new Set(scriptLinks)]).toEqual([]);
    expect([...new Set(madeElements)]).toEqual([]);
  }, 180_000);
});

/** The session cookie a signed-in browser holds, for a download made outside it. */
async function sessionCookie(context: BrowserContext | undefined): Promise<string> {
  const cookies = (await context?.cookies()) ?? [];
  return cookies.map(({ name, value }) => `${name}=${value}`).join('; ');
}

import { HOSTILE_MARKER } from '@errata/server/testing';
import type { BrowserContext, Page } from 'playwright-core';

/** The event stream stays open: it cannot be fetched whole to strip a header from it. */
const STREAMED = /\/api\/v1\/events(\?|$)/;

/**
 * What hostile payloads managed in a browser context: each call of the marker they call
 * (`window.__pwned(n)`, exposed in every frame) and each dialog (alert, confirm, prompt) opened.
 */
export interface HostileWatch {
  /** The payload numbers that ran, in order. */
  readonly executions: number[];
  readonly dialogs: string[];
  /** Watches `page` for dialogs too (the marker is exposed in every page of the context). */
  watch(page: Page): Page;
}

/**
 * Exposes the marker in `context` and, with `csp: false`, strips every Content-Security-Policy
 * header from the server's answers, so that only the rendering itself stands between a payload
 * and its execution.
 */
export async function watchForHostileScript(context: BrowserContext, csp: boolean): Promise<HostileWatch> {
  const executions: number[] = [];
  const dialogs: string[] = [];
  await context.exposeFunction(HOSTILE_MARKER, (n: unknown) => {
    executions.push(typeof n === 'number' ? n : Number(String(n)));
  });
  if (!csp) {
    await context.route('**/*', async (route) => {
      try {
        if (STREAMED.test(route.request().url())) return await route.continue();
        const response = await route.fetch();
        const headers = { ...response.headers() };
        delete headers['content-security-policy'];
        delete headers['content-security-policy-report-only'];
        return await route.fulfill({ response, headers });
      } catch {
        // The page or its context closed while the request was under way: nothing to answer.
        return route.abort().catch(() => {});
      }
    });
  }
  const watch = (page: Page) => {
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss().catch(() => {});
    });
    return page;
  };
  for (const page of context.pages()) watch(page);
  return { executions, dialogs, watch };
}

/** Links, frames and forms of the page whose address would run script when followed. */
export function scriptAddresses(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[href], [src], [action], [formaction], [data]')].flatMap((element) =>
      ['href', 'src', 'action', 'formaction', 'data'].flatMap((name) => {
        const value = element.getAttribute(name) ?? '';
        return /^\s*(javascript|data|vbscript):/i.test(value) ? [`${element.tagName} ${name}=${value}`] : [];
      }),
    ),
  );
}

/**
 * Elements a payload would have made had it been parsed as markup, whether or not it got to
 * run (an image still loading, a handler awaiting a hover): any element with an event-handler
 * attribute, any frame, object, embed, base or refresh, any script naming the marker.
 */
export function hostileElements(page: Page, marker = '__pwned'): Promise<string[]> {
  return page.evaluate((name) => {
    const found: string[] = [];
    for (const element of document.querySelectorAll('*')) {
      const tag = element.tagName.toLowerCase();
      const handlers = [...element.attributes].filter((attribute) => /^on/i.test(attribute.name));
      if (handlers.length > 0) found.push(`<${tag} ${handlers.map((a) => a.name).join(' ')}>`);
      else if (['iframe', 'frame', 'frameset', 'object', 'embed', 'base'].includes(tag))
        found.push(`<${tag}>`);
      else if (tag === 'meta' && /refresh/i.test(element.getAttribute('http-equiv') ?? ''))
        found.push('<meta refresh>');
      else if (tag === 'script' && (element.textContent ?? '').includes(name)) found.push('<script>');
    }
    return found;
  }, marker);
}

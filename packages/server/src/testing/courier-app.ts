import type { LightMyRequestResponse } from 'fastify';
import { createApiToken } from '../domain/api-tokens.ts';
import { type PageServer, startPageServer } from './page-server.ts';
import { addCheckedSite } from './recheck-fixtures.ts';
import { openTestApp, type TestApp } from './test-app.ts';

/**
 * A test app with a newsroom to recheck: the site "courier" (public key courier-key), its pages
 * on a page server of 127.0.0.1, so marked local, and the API token its CMS holds.
 */
export interface CourierApp extends TestApp {
  pages: PageServer;
  /** Where the article the tests report on is: /news/bridge of the page server (served once set). */
  url: string;
  /** The site's API token. */
  token: string;
  /** POST /api/v1/pages/recheck with `body`, as the CMS asks (with its token) unless `authorization` says. */
  recheck(body: object, authorization?: string): Promise<LightMyRequestResponse>;
}

/** Opens a CourierApp; its `close()` stops the page server too. */
export async function openCourierApp(): Promise<CourierApp> {
  const t = await openTestApp();
  const pages = await startPageServer();
  await addCheckedSite(t.store, 'courier', pages.origin, { local: true });
  const token = await createApiToken(t.store, 'courier', 'cms');
  return {
    ...t,
    pages,
    url: `${pages.origin}/news/bridge`,
    token,
    recheck: (body, authorization = `Bearer ${token}`) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/pages/recheck',
        payload: body,
        headers: { authorization },
      }),
    close: async () => {
      await pages.close();
      await t.close();
    },
  };
}

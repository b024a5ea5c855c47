import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename, join } from 'node:path';
import { articlePage } from './article-page.ts';
import { LOADER_FILE } from './widget-parts.ts';

/** The two article pages: the widget alone, or after the page's own script. */
export type PageKind = 'bare' | 'scripted';

/** A static site on 127.0.0.1 serving the article pages and the built widget, as the Errata server lays it out. */
export interface ArticleSite {
  origin: string;
  /** The URL of a page; `load` numbers the load, so its loader URL is its own. */
  pageUrl(kind: PageKind, load: number): string;
  /** The loader's URL in that load's page. */
  loaderUrl(load: number): string;
  close(): Promise<void>;
}

const PAGE_PATHS: Record<PageKind, string> = {
  bare: '/article.html',
  scripted: '/article-with-site-script.html',
};

/**
 * Serves `/widget.js` (the loader) and `/widget/<file>` (the parts it loads on demand) from
 * the widget's dist folder, like the Errata server, and the article pages; a page's
 * `?load=<n>` goes on its loader's URL. Nothing is cacheable (Cache-Control: no-store).
 */
export async function startArticleSite(dist: string): Promise<ArticleSite> {
  const loaderPath = (load: string) => `/${LOADER_FILE}?load=${load}`;
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const send = (status: number, type: string, body: string | Buffer) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    const kind = (Object.keys(PAGE_PATHS) as PageKind[]).find((k) => PAGE_PATHS[k] === url.pathname);
    if (kind) {
      const load = url.searchParams.get('load') ?? '0';
      return send(
        200,
        'text/html; charset=utf-8',
        articlePage({ siteScript: kind === 'scripted', loaderPath: loaderPath(load) }),
      );
    }
    const path = url.pathname;
    const file =
      path === `/${LOADER_FILE}` ? LOADER_FILE : /^\/widget\/[\w.-]+\.js$/.test(path) ? basename(path) : null;
    if (file && existsSync(join(dist, file))) {
      return send(200, 'text/javascript; charset=utf-8', readFileSync(join(dist, file)));
    }
    send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('the article site has no port');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    pageUrl: (kind, load) => `${origin}${PAGE_PATHS[kind]}?load=${load}`,
    loaderUrl: (load) => `${origin}${loaderPath(String(load))}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ASSETS } from '../config.ts';
import { openTestApp, type TestApp } from '../testing/test-app.ts';

// These read the built widget and dashboard (npm test builds them first).
let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(async () => t.close());

describe('static files', () => {
  it('should serve the widget with an ETag, a short cache and a 304 on revalidation', async () => {
    const first = await t.app.inject({ url: '/widget.js' });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toMatch(/javascript/);
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    const etag = String(first.headers.etag);
    const again = await t.app.inject({ url: '/widget.js', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
  });

  it('should send the widget compressed to a browser that accepts it, each reader within the budgets', async () => {
    const budgets = JSON.parse(
      readFileSync(new URL('../../../widget/budgets.json', import.meta.url), 'utf8'),
    ) as { loader: number; reporting: number; thanked: number };
    /** The body bytes the server sends for a widget file to a browser accepting `br, gzip`, checked to decode to the file. */
    const sent = async (url: string, file: string): Promise<number> => {
      const response = await t.app.inject({ url, headers: { 'accept-encoding': 'br, gzip' } });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-encoding']).toBe('br');
      expect(String(response.headers.vary)).toMatch(/accept-encoding/i);
      expect(brotliDecompressSync(response.rawPayload)).toEqual(
        readFileSync(`${DEFAULT_ASSETS.widgetDir}/${file}`),
      );
      return response.rawPayload.length;
    };
    const files = readdirSync(DEFAULT_ASSETS.widgetDir);
    const part = (prefix: string) =>
      files.find((name) => name.startsWith(prefix) && name.endsWith('.js')) as string;
    const loader = await sent('/widget.js', 'widget.js');
    const dialog = await sent(`/widget/${part('widget-dialog-')}`, part('widget-dialog-'));
    const status = await sent(`/widget/${part('widget-status-')}`, part('widget-status-'));
    const languages = files.filter((name) => /^widget-lang-[a-z]+-\w+\.js$/.test(name));
    expect(languages.length).toBeGreaterThan(0);
    let heaviest = 0;
    for (const name of languages) heaviest = Math.max(heaviest, await sent(`/widget/${name}`, name));
    expect(loader).toBeLessThanOrEqual(budgets.loader);
    expect(loader + dialog + heaviest).toBeLessThanOrEqual(budgets.reporting);
    expect(loader + status).toBeLessThanOrEqual(budgets.thanked);

    // gzip for a browser without Brotli; the file itself for one that accepts neither.
    const gzip = await t.app.inject({ url: '/widget.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload)).toEqual(readFileSync(`${DEFAULT_ASSETS.widgetDir}/widget.js`));
    const plain = await t.app.inject({ url: '/widget.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload).toEqual(readFileSync(`${DEFAULT_ASSETS.widgetDir}/widget.js`));
  });

  it('should refuse widget part names that try to leave the widget folder', async () => {
    for (const name of ['..%2Fpackage.json', '.hidden.js', 'build.ts']) {
      expect((await t.app.inject({ url: `/widget/${name}` })).statusCode).toBe(404);
    }
  });

  it('should serve the dashboard under a strict Content-Security-Policy, with its screens falling back to the app', async () => {
    const screen = await t.app.inject({ url: '/admin/setup?token=x' });
    expect(screen.statusCode).toBe(200);
    expect(screen.body).toContain('<div id="app"');
    expect(screen.headers['content-security-policy']).toContain("script-src 'self'");
    expect(screen.headers['cache-control']).toBe('no-cache');
  });

  it('should send the dashboard’s files compressed at build time, its HTML too, with Vary and caching kept', async () => {
    const html = await t.app.inject({ url: '/admin/', headers: { 'accept-encoding': 'br, gzip' } });
    expect(html.headers['content-encoding']).toBe('br');
    expect(String(html.headers.vary)).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(html.rawPayload).toString()).toContain('<div id="app"');
    const scripts = [
      ...brotliDecompressSync(html.rawPayload)
        .toString()
        .matchAll(/\/admin\/(assets\/[^"]+\.(?:js|css))/g),
    ];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, asset] of scripts) {
      const built = readFileSync(join(DEFAULT_ASSETS.dashboardDir, asset as string));
      const br = await t.app.inject({ url: `/admin/${asset}`, headers: { 'accept-encoding': 'br, gzip' } });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['cache-control']).toContain('immutable');
      expect(brotliDecompressSync(br.rawPayload)).toEqual(built);
      expect(br.rawPayload.length).toBeLessThan(built.length / 2);
      const gz = await t.app.inject({ url: `/admin/${asset}`, headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.rawPayload)).toEqual(built);
    }
  });

  it('should compress JSON answers and the demo’s pages on the fly above 1 KB, never the live events', async () => {
    const page = await t.app.inject({ url: '/demo/', headers: { 'accept-encoding': 'br, gzip' } });
    expect(page.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(page.rawPayload).toString()).toContain('data-site="demo"');
    const api = await t.app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(api.statusCode).toBe(200);
    expect(api.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(api.rawPayload).toString()).openapi).toMatch(/^3\./);
    const small = await t.app.inject({ url: '/healthz', headers: { 'accept-encoding': 'br, gzip' } });
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('should answer 404 for a missing dashboard asset and keep paths inside the dashboard folder', async () => {
    expect((await t.app.inject({ url: '/admin/assets/missing.js' })).statusCode).toBe(404);
    const outside = await t.app.inject({ url: '/admin/..%2f..%2fpackage.json' });
    expect(outside.body).not.toContain('"workspaces"');
  });

  it('should serve the demo’s pages but not its package files', async () => {
    expect((await t.app.inject({ url: '/demo/style.css' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/demo/mistakes.json' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/demo/package.json' })).statusCode).toBe(404);
  });

  it('should serve the demo newsroom and redirect /demo to /demo/', async () => {
    expect((await t.app.inject({ url: '/demo' })).headers.location).toBe('/demo/');
    const home = await t.app.inject({ url: '/demo/' });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('<script src="/widget.js" data-site="demo" async></script>');
  });
});

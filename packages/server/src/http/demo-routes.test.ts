import { afterEach, describe, expect, it } from 'vitest';
import type { DemoMode } from '../domain/demo-site.ts';
import { addSite, demoReport, openTestApp, signedInEditor, type TestApp } from '../testing/test-app.ts';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function appWith(demo: DemoMode): Promise<TestApp> {
  t = await openTestApp({ demo });
  return t;
}

const DEMO_PAGE = '/demo/articles/harbour-bridge.html';
const report = (app: TestApp) =>
  app.app.inject({
    method: 'POST',
    url: '/api/v1/reports?wait=erratum',
    headers: { origin: 'http://localhost' },
    payload: demoReport(),
  });

describe('the demo newsroom switch (ERRATA_DEMO)', () => {
  it('should serve the demo and take its reports with ERRATA_DEMO=auto while no other site exists', async () => {
    const app = await appWith('auto');
    expect((await app.app.inject({ url: DEMO_PAGE })).statusCode).toBe(200);
    expect((await report(app)).statusCode).toBe(201);
  });

  it('should answer /demo/ with 404 and a page saying how to turn it on when ERRATA_DEMO=off', async () => {
    const app = await appWith('off');
    for (const url of ['/demo/', DEMO_PAGE, '/demo']) {
      const response = await app.app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain('The demo newsroom is off');
      expect(response.body).toContain('ERRATA_DEMO=on');
    }
  });

  it("should refuse reports to the demo's site with 403 and say why when ERRATA_DEMO=off", async () => {
    const app = await appWith('off');
    const response = await report(app);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({
      error:
        'The demo newsroom is off on this server, so its site takes no reports. The operator turns it on with ERRATA_DEMO=on.',
    });
  });

  it("should keep the demo's stored errata readable by its editors once it is off", async () => {
    const app = await appWith('auto');
    expect((await report(app)).statusCode).toBe(201);
    await addSite(app.store, 'courier', 'https://courier.example');
    const editor = await signedInEditor(app.app, app.store, { email: 'ed@example.org', sites: ['demo'] });
    const inbox = await app.app.inject({
      url: '/api/v1/errata?site=demo',
      headers: { cookie: editor.cookie },
    });
    expect(inbox.statusCode).toBe(200);
    expect(inbox.json().items).toHaveLength(1);
  });

  it('should turn the demo off with ERRATA_DEMO=auto as soon as an owner creates a site of their own', async () => {
    const app = await appWith('auto');
    const owner = await signedInEditor(app.app, app.store, { email: 'chief@example.org', role: 'owner' });
    expect((await app.app.inject({ url: DEMO_PAGE })).statusCode).toBe(200);
    const created = await app.app.inject({
      method: 'POST',
      url: '/api/v1/sites',
      headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf },
      payload: { id: 'courier', name: 'The Courier', allowedOrigins: ['https://courier.example'] },
    });
    expect(created.statusCode).toBe(201);
    expect((await app.app.inject({ url: DEMO_PAGE })).statusCode).toBe(404);
    expect((await report(app)).statusCode).toBe(403);
  });

  it('should keep the demo on with ERRATA_DEMO=on whatever other sites exist', async () => {
    const app = await appWith('on');
    await addSite(app.store, 'courier', 'https://courier.example');
    expect((await app.app.inject({ url: DEMO_PAGE })).statusCode).toBe(200);
    expect((await report(app)).statusCode).toBe(201);
  });
});

import { buildApp, composeServices, DEFAULT_ASSETS, migrateToLatest, openStore } from '@errata/server';

/** The OpenAPI document of the server's routes, built from an app over a throw-away database. */
export async function buildOpenApiDocument(): Promise<unknown> {
  const store = openStore('sqlite::memory:');
  try {
    await migrateToLatest(store.db);
    const services = await composeServices(store, {
      publicUrl: 'http://localhost:8080',
    });
    const app = await buildApp({
      store,
      services,
      config: {
        publicUrl: 'http://localhost:8080',
        reportsPerMinute: 30,
        trustProxy: 0,
        assets: DEFAULT_ASSETS,
      },
    });
    await app.ready();
    const document = app.swagger();
    await app.close();
    return document;
  } finally {
    await store.close();
  }
}

export { type Config, DEFAULT_ASSETS, loadConfig } from './config.ts';
export { buildApp, type AppOptions, type ErrataApp } from './http/app.ts';
export { startServer, type RunningServer } from './server.ts';
export { migrateToLatest } from './store/migrator.ts';
export { openStore, type Store } from './store/open-store.ts';
export { addUser } from './domain/users.ts';
export { createApiToken } from './domain/api-tokens.ts';
export { ensureDemoSite, DEMO_SITE } from './domain/demo-site.ts';

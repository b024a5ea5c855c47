export { type Config, DEFAULT_ASSETS, loadConfig } from './config.ts';
export { createApiToken } from './domain/api-tokens.ts';
export { DEMO_SITE, ensureDemoSite } from './domain/demo-site.ts';
export { addUser } from './domain/users.ts';
export { type AppOptions, buildApp } from './http/app.ts';
export { type RunningServer, startServer } from './server.ts';
export { composeServices, type Services } from './services.ts';
export { migrateToLatest } from './store/migrator.ts';
export { openStore, type Store } from './store/open-store.ts';

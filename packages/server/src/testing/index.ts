/**
 * `@errata/server/testing`: what the end-to-end tests, the bench and the scripts use of the
 * server beyond its public entry: real helper servers (pages, webhook receivers), fixtures,
 * the bench's seeder, the recheck's parts that the real-pages corpus drives directly, and the
 * site switches no API sets (setSiteFlag: local, as the command line sets it).
 */
export { PageRoots, pageText } from '../domain/page-text.ts';
export { Rechecker } from '../domain/recheck.ts';
export { HostPoliteness } from '../fetch/host-politeness.ts';
export { SEED_DEFAULTS, type SeedSummary, seedErrata } from '../store/inbox-seed.ts';
export { setSiteFlag } from '../store/site-flags-store.ts';
export { freePort } from './free-port.ts';
export { HOSTILE_MARKER, HOSTILE_MARKUP } from './hostile-inputs.ts';
export { type PageServer, startPageServer } from './page-server.ts';
export { addCheckedSite, article } from './recheck-fixtures.ts';
export { type ServerProcess, startServerProcess } from './server-process.ts';
export {
  analyzePostgres,
  createTestDatabase,
  namedPostgresDatabase,
  type PostgresHousekeeping,
  postgresHousekeeping,
  postgresUnavailable,
  type TestDatabase,
} from './test-database.ts';
export { redisUnavailable, TEST_REDIS_URL } from './test-redis.ts';
export { underCi } from './under-ci.ts';
export { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.ts';

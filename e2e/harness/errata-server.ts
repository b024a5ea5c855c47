import { loadConfig, type RunningServer, startServer } from '@errata/server';
import { createTestDatabase, freePort } from '@errata/server/testing';

/** The owner account every end-to-end server starts with. */
export const OWNER = { email: 'owner@example.org', password: 'correct horse battery staple' };

/**
 * A real Errata server (on a free port unless one is named) over a fresh database, as
 * `npm start` runs it: a SQLite file, or a PostgreSQL database under ERRATA_TEST_DATABASE=postgres
 * (the 'postgres-e2e' test project). OWNER is its first account unless `withOwner` is false
 * (then it prints a setup link, as on a first start). `env` adds configuration variables.
 */
export async function startTestServer(
  port?: number,
  { withOwner = true, env = {} }: { withOwner?: boolean; env?: Record<string, string> } = {},
): Promise<RunningServer & { stop: () => Promise<void> }> {
  const database = await createTestDatabase();
  const owner = withOwner ? { ERRATA_ADMIN_EMAIL: OWNER.email, ERRATA_ADMIN_PASSWORD: OWNER.password } : {};
  const server = await startServer(
    loadConfig({
      PORT: String(port ?? (await freePort())),
      ERRATA_DATA_DIR: database.dir,
      ERRATA_DATABASE_URL: database.url,
      LOG_LEVEL: 'warn',
      ...owner,
      ...env,
    }),
  );
  return Object.assign(server, {
    stop: async () => {
      await server.close();
      await database.drop();
    },
  });
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type RunningServer, startServer } from '@errata/server';

/** The owner account every end-to-end server starts with. */
export const OWNER = { email: 'owner@example.org', password: 'correct horse battery staple' };

/** A real Errata server (on a free port unless one is named) over a fresh SQLite file, as `npm start` runs it. */
export async function startTestServer(port = 0): Promise<RunningServer & { stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'errata-e2e-'));
  const server = await startServer(
    loadConfig({
      PORT: String(port),
      ERRATA_DATA_DIR: dataDir,
      ERRATA_ADMIN_EMAIL: OWNER.email,
      ERRATA_ADMIN_PASSWORD: OWNER.password,
      LOG_LEVEL: 'warn',
    }),
  );
  return Object.assign(server, {
    stop: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

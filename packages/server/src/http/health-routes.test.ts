import { describe, expect, it } from 'vitest';
import { openTestApp, openTestStore } from '../testing/test-app.ts';
import { testDatabaseKind } from '../testing/test-database.ts';

describe('/readyz', () => {
  it('should answer 503 once the database stops answering, while /healthz stays 200', async () => {
    const { store, drop } = await openTestStore();
    const t = await openTestApp({ store });
    try {
      expect((await t.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
      if (testDatabaseKind() === 'postgres') {
        // The database is dropped under the running app: its connections are ended by the server.
        await drop();
      } else {
        // SQLite answers `select 1` from any open file; the failure an instance meets is its handle gone.
        await store.close();
      }
      const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      // Which error PostgreSQL's dropped database shows first is a race (its connection ended, or the
      // database gone on a new one): either way the answer is a sentence naming the database.
      expect(ready.json()).toEqual({
        error: expect.stringMatching(
          /^The database (does not answer|cannot be used: .+ \(since [0-9T:.Z-]+\))\.$/,
        ),
      });
      // Liveness is the process: restarting it would not bring the database back.
      expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await t.close();
      if (testDatabaseKind() === 'postgres') await store.close().catch(() => {});
      else await drop();
    }
  });
});

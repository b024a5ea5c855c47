import { Migrator } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openTestStore } from '../../testing/test-app.ts';
import { MIGRATIONS } from '../migrator.ts';
import { findSiteFlags, setSiteFlag } from '../site-flags-store.ts';

let t: Awaited<ReturnType<typeof openTestStore>>;
beforeEach(async () => {
  t = await openTestStore();
});
afterEach(async () => t.cleanup());

it('should unmark the demo site local on an install that 009 marked, and mark it again on the way down', async () => {
  const { db } = t.store;
  const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
  expect((await migrator.migrateTo('015-sign-in-failures')).error).toBeUndefined();
  expect(await findSiteFlags(db, 'demo')).toMatchObject({ local: true });
  await setSiteFlag(db, 'demo', 'publicLog', true);

  expect((await migrator.migrateTo('016-demo-not-local')).error).toBeUndefined();
  expect(await findSiteFlags(db, 'demo')).toEqual({ local: false, publicLog: true });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, signedInEditor, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
let chief: { cookie: string; csrf: string };
beforeEach(async () => {
  t = await openTestApp();
  chief = await signedInEditor(t.app, t.store, {
    email: 'owner@example.org',
    role: 'owner',
    sites: ['demo'],
  });
});
afterEach(async () => t.close());

function patchDemo(body: object) {
  return t.app.inject({
    method: 'PATCH',
    url: '/api/v1/sites/demo',
    headers: { cookie: chief.cookie, 'x-csrf-token': chief.csrf },
    payload: body,
  });
}

describe("a site's retention setting", () => {
  it('should keep reports forever by default, and save a number of days an owner sets', async () => {
    const saved = await patchDemo({ retentionDays: 365 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().retentionDays).toBe(365);
    const row = await t.store.db
      .selectFrom('sites')
      .select('retention_days')
      .where('id', '=', 'demo')
      .executeTakeFirstOrThrow();
    expect(Number(row.retention_days)).toBe(365);
  });

  it('should clear the limit when set to null', async () => {
    await patchDemo({ retentionDays: 30 });
    const cleared = await patchDemo({ retentionDays: null });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json().retentionDays).toBeNull();
  });

  it.each([0, 3651, 1.5, -1])(
    'should refuse %s days with a 400 that says the allowed range',
    async (days) => {
      const refused = await patchDemo({ retentionDays: days });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().fields.retentionDays).toMatch(/at least 1|at most 3650|whole number|1 to 3650/);
      const row = await t.store.db
        .selectFrom('sites')
        .select('retention_days')
        .where('id', '=', 'demo')
        .executeTakeFirstOrThrow();
      expect(row.retention_days).toBeNull();
    },
  );
});

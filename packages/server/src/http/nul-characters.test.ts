import { describe, expect, it } from 'vitest';
import { openTestApp, signedInEditor } from '../testing/test-app.ts';

describe('a NUL character in a request', () => {
  it('should be answered 400 naming the field (PostgreSQL refuses NUL in text: it was a 500)', async () => {
    const t = await openTestApp();
    try {
      const { cookie } = await signedInEditor(t.app, t.store, {
        email: 'nul@example.org',
        role: 'owner',
        sites: ['demo'],
      });
      const inPath = await t.app.inject({ method: 'GET', url: '/api/v1/sites/a%00b', headers: { cookie } });
      expect(inPath.statusCode).toBe(400);
      expect(inPath.json()).toEqual({
        error: 'site holds a NUL character (U+0000), which no text may hold.',
        fields: { site: 'holds a NUL character' },
      });
      const inBody = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: 'a\u0000b@example.org', password: 'correct horse battery' },
      });
      expect(inBody.statusCode).toBe(400);
      expect(inBody.json().fields).toEqual({ email: 'holds a NUL character' });
      // Authentication comes first: a stranger learns nothing but 401.
      const withoutCredential = await t.app.inject({ method: 'GET', url: '/api/v1/sites/a%00b' });
      expect(withoutCredential.statusCode).toBe(401);
    } finally {
      await t.close();
    }
  });
});

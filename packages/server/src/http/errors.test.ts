import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(async () => t.close());

describe('errors met before routing', () => {
  it('should answer a broken %-escape in the path with a readable 400', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/errata/%zz' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: 'The address is not valid: a %-escape in it is broken.' });
  });

  it('should answer a path segment too long for the router with a readable 414', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/errata/${'x'.repeat(10_000)}` });
    expect(response.statusCode).toBe(414);
    expect(response.json()).toEqual({ error: 'A part of the address is too long.' });
  });
});

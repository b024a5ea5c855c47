import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CourierApp, openCourierApp } from '../testing/courier-app.ts';
import {
  addCheckedSite,
  article,
  markFixed,
  reportOf,
  reportThroughApi,
} from '../testing/recheck-fixtures.ts';
import { STATUS_CHECKS_PER_MINUTE } from './reader-status-routes.ts';

const PAGE = `Engineers from Roterdam will inspect the hinges.</p><p>The mayor of Minks opened the bridge in 1911.`;
const CORRECTED = `Engineers from Rotterdam will inspect the hinges.</p><p>The mayor of Minks opened the bridge in 1911.`;

let t: CourierApp;
/** Report ids: the corrected typo, the open one, another reader's report of the corrected typo. */
let fixedReport: string;
let openReport: string;
let otherReadersReport: string;

beforeEach(async () => {
  t = await openCourierApp();
  t.pages.set('/news/bridge', article(PAGE));
  const page = { site: 'courier-key', url: t.url };
  const typo = await reportThroughApi(t.app, reportOf(article(PAGE), 'Roterdam', page));
  fixedReport = typo.id;
  openReport = (await reportThroughApi(t.app, reportOf(article(PAGE), 'Minks', page))).id;
  otherReadersReport = (
    await reportThroughApi(t.app, reportOf(article(PAGE), 'Roterdam', page, { comment: 'typo' }))
  ).id;
  await markFixed(t.store, typo.erratum.id);
  t.pages.set('/news/bridge', article(CORRECTED));
  await t.recheck({ site: 'courier', url: t.url });
});
afterEach(() => t.close());

const status = (payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/reports/status', payload: payload as string, headers });

describe('POST /api/v1/reports/status', () => {
  it('should answer only about the asked reports whose mistake was corrected', async () => {
    const response = await status({ site: 'courier-key', ids: [fixedReport, openReport, 'no-such-report'] });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      corrected: [{ id: fixedReport, quote: 'Roterdam', correction: 'Rotterdam' }],
    });
  });

  it("should not mention another reader's report of the same mistake", async () => {
    const response = await status({ site: 'courier-key', ids: [openReport] });
    expect(response.json()).toEqual({ corrected: [] });
    expect(JSON.stringify((await status({ site: 'courier-key', ids: [fixedReport] })).json())).not.toContain(
      otherReadersReport,
    );
  });

  it("should not answer about a report through another site's key", async () => {
    await addCheckedSite(t.store, 'other', 'https://other.example');
    const response = await status({ site: 'other-key', ids: [fixedReport] });
    expect(response.json()).toEqual({ corrected: [] });
  });

  it('should be readable from any page, without cookies, from a text/plain body (no preflight)', async () => {
    const response = await status(JSON.stringify({ site: 'courier-key', ids: [fixedReport] }), {
      'content-type': 'text/plain;charset=UTF-8',
      origin: 'https://news.example',
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.json().corrected).toHaveLength(1);
  });

  it('should refuse an unknown site key, no ids, and more than 50 ids, each with a reason', async () => {
    expect((await status({ site: 'nope', ids: [fixedReport] })).json().error).toContain(
      'Unknown site "nope"',
    );
    expect((await status({ site: 'courier-key', ids: [] })).statusCode).toBe(400);
    const many = Array.from({ length: 51 }, (_, i) => `id-${i}`);
    const response = await status({ site: 'courier-key', ids: many });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatch(/ids/);
  });

  it('should not count a fixed erratum the recheck found still on the page as corrected', async () => {
    t.pages.set('/news/bridge', article(PAGE));
    const minks = await t.store.db
      .selectFrom('reports')
      .select('erratum_id')
      .where('id', '=', openReport)
      .executeTakeFirstOrThrow();
    await markFixed(t.store, minks.erratum_id);
    expect((await status({ site: 'courier-key', ids: [openReport] })).json().corrected).toHaveLength(1);
    await t.recheck({ site: 'courier', url: t.url });
    expect((await status({ site: 'courier-key', ids: [openReport] })).json().corrected).toEqual([]);
  });

  it('should slow down one address asking more than 60 times a minute, saying when to try again', async () => {
    for (let i = 0; i < STATUS_CHECKS_PER_MINUTE; i++) {
      expect((await status({ site: 'courier-key', ids: [fixedReport] })).statusCode).toBe(200);
    }
    const refused = await status({ site: 'courier-key', ids: [fixedReport] });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatch(/^Too many status requests from your address: try again in /);
    expect(refused.headers['access-control-allow-origin']).toBe('*');
    expect(refused.headers['retry-after']).toBeDefined();
  });

  it('should answer a preflight for browsers that send one', async () => {
    const response = await t.app.inject({ method: 'OPTIONS', url: '/api/v1/reports/status' });
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });
});

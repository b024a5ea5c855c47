import { afterEach, describe, expect, it } from 'vitest';
import { openEventStream } from '../testing/event-stream-client.ts';
import { seriesValue } from '../testing/metrics-text.ts';
import { demoReport, openTestApp, signedInEditor, type TestApp } from '../testing/test-app.ts';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function scrape(app: TestApp, headers: Record<string, string> = {}): Promise<string> {
  const response = await app.app.inject({ method: 'GET', url: '/metrics', headers });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toContain('text/plain; version=0.0.4');
  return response.body;
}

const postReport = (app: TestApp, overrides = {}) =>
  app.app.inject({ method: 'POST', url: '/api/v1/reports?wait=erratum', payload: demoReport(overrides) });

describe('GET /metrics', () => {
  it('should expose every metric of the server and of the process', async () => {
    t = await openTestApp();
    const text = await scrape(t);
    for (const name of [
      'errata_http_requests_total',
      'errata_http_request_duration_seconds',
      'errata_reports_accepted_total',
      'errata_reports_refused_total',
      'errata_group_commit_batch_size',
      'errata_report_queue_depth',
      'errata_reports_ungrouped',
      'errata_report_grouping_lag_seconds',
      'errata_reports_set_aside',
      'errata_outbox_events_pending',
      'errata_outbox_deliveries_pending',
      'errata_outbox_oldest_undelivered_age_seconds',
      'errata_deliveries_total',
      'errata_recheck_verdicts_total',
      'errata_live_connections',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_gc_duration_seconds',
    ]) {
      expect(text, name).toContain(`# TYPE ${name} `);
    }
    // Known outcomes show from the start, at 0.
    expect(seriesValue(text, 'errata_reports_refused_total{reason="rate_limited"}')).toBe(0);
    expect(seriesValue(text, 'errata_deliveries_total{result="dead"}')).toBe(0);
    expect(seriesValue(text, 'errata_recheck_verdicts_total{verdict="replaced"}')).toBe(0);
    expect(seriesValue(text, 'errata_report_queue_depth')).toBe(0);
  });

  it('should count stored and repeated reports, their batches and the outbox they leave', async () => {
    t = await openTestApp();
    const answers = await Promise.all([
      postReport(t, { clientId: 'client-0000000001' }),
      postReport(t, { quote: { exact: 'swing', prefix: 'Old Harbour ', suffix: ' bridge' } }),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201]);
    expect((await postReport(t, { clientId: 'client-0000000001' })).statusCode).toBe(200);

    const text = await scrape(t);
    expect(seriesValue(text, 'errata_reports_accepted_total{result="stored"}')).toBe(2);
    expect(seriesValue(text, 'errata_reports_accepted_total{result="repeat"}')).toBe(1);
    expect(seriesValue(text, 'errata_group_commit_batch_size_sum')).toBe(3);
    expect(seriesValue(text, 'errata_group_commit_batch_size_count')).toBeGreaterThanOrEqual(2);
    // Each was grouped before its answer (?wait=erratum): none waits, each waited a little.
    expect(seriesValue(text, 'errata_reports_ungrouped')).toBe(0);
    expect(seriesValue(text, 'errata_reports_set_aside')).toBe(0);
    expect(seriesValue(text, 'errata_report_grouping_lag_seconds_count')).toBe(2);
    expect(
      seriesValue(
        text,
        'errata_http_requests_total{method="POST",route="/api/v1/reports",status_class="2xx"}',
      ),
    ).toBe(3);
    // No delivery worker runs in a test app: the events stay in the outbox.
    expect(seriesValue(text, 'errata_outbox_events_pending')).toBe(2);
    expect(seriesValue(text, 'errata_outbox_oldest_undelivered_age_seconds')).toBeGreaterThan(0);
  });

  it('should count refusals by reason', async () => {
    t = await openTestApp({ reportsPerMinute: 2 });
    expect((await postReport(t, { position: { start: 5, end: 5 } })).statusCode).toBe(400);
    expect((await postReport(t, { site: 'no-such-site' })).statusCode).toBe(403);
    expect((await postReport(t)).statusCode).toBe(429);

    const text = await scrape(t);
    expect(seriesValue(text, 'errata_reports_refused_total{reason="invalid"}')).toBe(1);
    expect(seriesValue(text, 'errata_reports_refused_total{reason="forbidden"}')).toBe(1);
    expect(seriesValue(text, 'errata_reports_refused_total{reason="rate_limited"}')).toBe(1);
    expect(seriesValue(text, 'errata_reports_accepted_total{result="stored"}')).toBe(0);
  });

  it('should label requests by route pattern, never by the URL asked', async () => {
    t = await openTestApp();
    await t.app.inject({ method: 'GET', url: '/api/v1/errata/first-id' });
    await t.app.inject({ method: 'GET', url: '/api/v1/errata/second-id' });
    await t.app.inject({ method: 'GET', url: '/no/such/page-12345' });

    const text = await scrape(t);
    expect(
      seriesValue(
        text,
        'errata_http_requests_total{method="GET",route="/api/v1/errata/:id",status_class="4xx"}',
      ),
    ).toBe(2);
    expect(
      seriesValue(text, 'errata_http_requests_total{method="GET",route="unmatched",status_class="4xx"}'),
    ).toBe(1);
    expect(text).not.toContain('first-id');
    expect(text).not.toContain('page-12345');
  });

  it('should count an open live event stream as a live connection until it ends', async () => {
    t = await openTestApp();
    const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const editor = await signedInEditor(t.app, t.store, { email: 'ed@example.org', sites: ['demo'] });
    const stream = await openEventStream(`${url}/api/v1/events?site=demo`, { cookie: editor.cookie });
    expect(await stream.next()).toMatchObject({ kind: 'retry' });
    expect(seriesValue(await scrape(t), 'errata_live_connections')).toBe(1);

    stream.close();
    const app = t;
    await expect.poll(async () => seriesValue(await scrape(app), 'errata_live_connections')).toBe(0);
  });

  it('should answer 401 without the bearer token when ERRATA_METRICS_TOKEN is set', async () => {
    t = await openTestApp({ metricsToken: 'metrics-token-0123456789' });
    const without = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(without.statusCode).toBe(401);
    expect(without.headers['www-authenticate']).toContain('Bearer');
    expect(without.json()).toEqual({ error: expect.stringContaining('Authorization: Bearer') });
    const wrong = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: 'Bearer metrics-token-0123456780' },
    });
    expect(wrong.statusCode).toBe(401);

    const text = await scrape(t, { authorization: 'Bearer metrics-token-0123456789' });
    expect(text).toContain('errata_reports_accepted_total');
  });

  it('should keep the metrics of two apps in one process apart', async () => {
    t = await openTestApp();
    const other = await openTestApp();
    try {
      expect((await postReport(other)).statusCode).toBe(201);
      expect(seriesValue(await scrape(other), 'errata_reports_accepted_total{result="stored"}')).toBe(1);
      expect(seriesValue(await scrape(t), 'errata_reports_accepted_total{result="stored"}')).toBe(0);
    } finally {
      await other.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('ERRATA_DEMO', () => {
  it('should be auto unless set, and take on and off', () => {
    expect(loadConfig({}).demo).toBe('auto');
    expect(loadConfig({ ERRATA_DEMO: 'off' }).demo).toBe('off');
    expect(loadConfig({ ERRATA_DEMO: 'On' }).demo).toBe('on');
  });

  it('should refuse anything else in one line naming the choices', () => {
    expect(() => loadConfig({ ERRATA_DEMO: 'yes' })).toThrow(
      'ERRATA_DEMO "yes" must be auto (the demo newsroom until a site of your own exists), on or off',
    );
  });
});

describe('background timings', () => {
  it('should look for due digests every minute and give a delivery attempt 15 s under a 45 s lease by default', () => {
    const config = loadConfig({});
    expect(config.mail.digestPollMs).toBe(60_000);
    expect(config.delivery).toEqual({ attemptTimeoutMs: 15_000, webhookTimeoutMs: 10_000, leaseMs: 45_000 });
  });

  it('should shorten them together, each lease three times its poll or attempt', () => {
    const config = loadConfig({ ERRATA_DIGEST_POLL: '1', ERRATA_DELIVERY_TIMEOUT: '3' });
    expect(config.mail.digestPollMs).toBe(1_000);
    expect(config.delivery).toEqual({ attemptTimeoutMs: 3_000, webhookTimeoutMs: 2_000, leaseMs: 9_000 });
    expect(loadConfig({ ERRATA_DELIVERY_TIMEOUT: '60' }).delivery.webhookTimeoutMs).toBe(10_000);
  });

  it.each([
    ['ERRATA_DIGEST_POLL', '0'],
    ['ERRATA_DELIVERY_TIMEOUT', '0.5'],
  ])('should refuse %s=%s', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(
      `${name} "${value}" must be a whole number from 1 to 3600`,
    );
  });
});

describe('ERRATA_METRICS_TOKEN', () => {
  it('should leave /metrics open unless set, and take a long token', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ ERRATA_METRICS_TOKEN: 'a'.repeat(32) }).metricsToken).toBe('a'.repeat(32));
  });

  it.each([['short'], ['with a space in it, long enough']])('should refuse "%s"', (token) => {
    expect(() => loadConfig({ ERRATA_METRICS_TOKEN: token })).toThrow(
      'ERRATA_METRICS_TOKEN must be 16 to 1024 characters without spaces (e.g. openssl rand -hex 32)',
    );
  });
});

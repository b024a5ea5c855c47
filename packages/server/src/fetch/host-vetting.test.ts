import { afterEach, describe, expect, it, vi } from 'vitest';
import { type DnsServer, startDnsServer } from '../testing/dns-server.ts';
import { LOOKUP_TIMEOUT_MS, vetHost } from './host-vetting.ts';

let dns: DnsServer | undefined;
afterEach(async () => {
  await dns?.close();
  dns = undefined;
});

describe('vetHost', () => {
  it('should say plainly that a name which does not resolve does not resolve', async () => {
    dns = await startDnsServer(() => []);
    expect(await vetHost('hooks.nowhere.test', { local: false, resolve: dns.resolve })).toEqual({
      ok: false,
      reason: 'the host hooks.nowhere.test does not resolve',
      refused: false,
    });
  });

  it('should say so with the system resolver too', async () => {
    expect(await vetHost('errata-hook.invalid', { local: true })).toMatchObject({
      ok: false,
      reason: 'the host errata-hook.invalid does not resolve',
    });
  });

  it('should refuse localhost. by its name without asking DNS', async () => {
    dns = await startDnsServer(() => ['93.184.216.34']);
    const vetting = await vetHost('localhost.', { local: false, resolve: dns.resolve });
    expect(vetting).toMatchObject({ ok: false, refused: true });
    expect(dns.asked).toEqual([]);
  });

  it('should resolve localhost. to loopback for a site marked local', async () => {
    expect(await vetHost('localhost.', { local: true })).toMatchObject({
      ok: true,
      address: { address: expect.stringMatching(/^(127\.0\.0\.1|::1)$/) },
    });
  });

  it('should ask DNS once and refuse a name with any refused address', async () => {
    dns = await startDnsServer(() => ['93.184.216.34', '10.0.0.7']);
    expect(await vetHost('Mixed.Example.', { local: false, resolve: dns.resolve })).toEqual({
      ok: false,
      reason:
        'Mixed.Example. resolves to a private address (10.0.0.7): only public addresses are contacted unless the site is marked local',
      refused: true,
    });
    expect(dns.asked).toEqual(['mixed.example']);
  });

  it('should judge an IP address by itself, in any spelling a URL gives', async () => {
    expect(await vetHost(new URL('http://0x7f.1/').hostname, { local: false })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('127.0.0.1 resolves to a loopback address'),
    });
    expect(await vetHost('[::ffff:169.254.169.254]', { local: true })).toMatchObject({
      ok: false,
      refused: true,
    });
    expect(await vetHost('[2606:4700::1111]', { local: false })).toEqual({
      ok: true,
      address: { address: '2606:4700::1111', family: 6 },
    });
  });

  it('should give up on a DNS server that never answers after its own timeout, and say so', async () => {
    dns = await startDnsServer(() => null, { resolverTimeoutMs: 30_000 });
    const started = Date.now();

    const vetting = await vetHost('hooks.silent.test', {
      local: false,
      resolve: dns.resolve,
      timeoutMs: 300,
    });

    expect(vetting).toEqual({
      ok: false,
      reason:
        'the host hooks.silent.test could not be resolved in time (its DNS servers gave no answer within 300 ms)',
      refused: false,
      timedOut: true,
    });
    expect(dns.asked).toEqual(['hooks.silent.test']);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('should wait LOOKUP_TIMEOUT_MS (5 seconds) for an answer when not told otherwise', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let settled = false;
      const vetting = vetHost('hooks.silent.test', { local: false, resolve: () => new Promise(() => {}) });
      void vetting.then(() => {
        settled = true;
      });
      await vi.advanceTimersByTimeAsync(LOOKUP_TIMEOUT_MS - 1);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(await vetting).toMatchObject({
        ok: false,
        reason: expect.stringContaining('gave no answer within 5 seconds'),
        timedOut: true,
      });
    } finally {
      vi.useRealTimers();
    }
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DnsServer, startDnsServer } from '../../testing/dns-server.ts';
import { type PageServer, startPageServer } from '../../testing/page-server.ts';
import { sendWebhook } from './webhook-channel.ts';
import type { WebhookEvent } from './webhook-formats.ts';

let receiver: PageServer;
let dns: DnsServer | undefined;
beforeEach(async () => {
  receiver = await startPageServer();
});
afterEach(async () => {
  await receiver.close();
  await dns?.close();
  dns = undefined;
});

const ping: WebhookEvent = {
  id: 'event-1',
  type: 'ping',
  siteId: 'demo',
  erratumId: null,
  data: {},
  createdAt: '2026-12-04T12:00:00.000Z',
};
const send = (url: string, options: { local: boolean; resolve?: DnsServer['resolve'] }) =>
  sendWebhook({ url, format: 'slack', secret: 'whsec_test' }, ping, {
    publicUrl: 'http://errata.test',
    timeoutMs: 2_000,
    ...options,
  });

describe('sendWebhook', () => {
  it('should post a chat message to the address it vetted, though DNS answers otherwise a moment later', async () => {
    dns = await startDnsServer((_name, count) => (count === 0 ? ['127.0.0.1'] : ['169.254.169.254']));
    let body = '';
    receiver.set('/hook', (request, response) => {
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      request.on('end', () => response.writeHead(200).end('ok'));
    });
    const result = await send(`http://chat.rebind.test:${receiver.port}/hook`, {
      local: true,
      resolve: dns.resolve,
    });
    expect(result).toEqual({ ok: true, statusCode: 200, error: null });
    expect(JSON.parse(body)).toHaveProperty('text');
    expect(dns.asked).toEqual(['chat.rebind.test']);
  });

  it('should not follow a redirect: the delivery fails and says where it was sent', async () => {
    receiver.set('/hook', (_request, response) => response.writeHead(302, { location: '/moved' }).end());
    receiver.set('/moved', (_request, response) => response.writeHead(200).end());
    const result = await send(`${receiver.origin}/hook`, { local: true });
    expect(result).toEqual({
      ok: false,
      statusCode: 302,
      error: 'Redirected to /moved; webhooks do not follow redirects.',
    });
    expect(receiver.requests.map((request) => request.path)).toEqual(['/hook']);
  });

  it('should refuse localhost. for a site not marked local, for good, sending nothing', async () => {
    const result = await send(`http://localhost.:${receiver.port}/hook`, { local: false });
    expect(result).toEqual({
      ok: false,
      statusCode: null,
      error:
        'Not sent: localhost. is a loopback name: only public addresses are contacted unless the site is marked local.',
      permanent: true,
    });
    expect(receiver.requests).toEqual([]);
  });

  it('should refuse a name that resolves to a private address for a site not marked local', async () => {
    dns = await startDnsServer(() => ['10.0.0.7']);
    const result = await send('http://chat.inside.test/hook', { local: false, resolve: dns.resolve });
    expect(result).toMatchObject({ ok: false, permanent: true });
    expect(result.error).toMatch(
      /^Not sent: chat\.inside\.test resolves to a private address \(10\.0\.0\.7\)/,
    );
  });

  it('should say that a name which does not resolve does not resolve, and try again later', async () => {
    dns = await startDnsServer(() => []);
    const result = await send('http://chat.nowhere.test/hook', { local: false, resolve: dns.resolve });
    expect(result).toEqual({
      ok: false,
      statusCode: null,
      error: 'The host chat.nowhere.test does not resolve.',
    });
  });
});

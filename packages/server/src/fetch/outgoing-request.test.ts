import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DnsServer, startDnsServer } from '../testing/dns-server.ts';
import { type PageServer, startPageServer } from '../testing/page-server.ts';
import { type OutgoingOptions, outgoingRequest } from './outgoing-request.ts';

let pages: PageServer;
let dns: DnsServer | undefined;
beforeEach(async () => {
  pages = await startPageServer();
});
afterEach(async () => {
  await pages.close();
  await dns?.close();
  dns = undefined;
});

const local: OutgoingOptions = { headers: {}, local: true, timeoutMs: 2_000 };
const status = async (response: { statusCode?: number | undefined; destroy(): void }) => {
  response.destroy();
  return { ok: true as const, status: response.statusCode };
};

describe('outgoingRequest', () => {
  it('should POST the body with its headers and length', async () => {
    let received = '';
    pages.set('/hook', (request, response) => {
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => {
        received += chunk;
      });
      request.on('end', () => response.writeHead(204).end());
    });
    const answer = await outgoingRequest(
      `${pages.origin}/hook`,
      { ...local, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"é":1}' },
      status,
    );
    expect(answer).toEqual({ ok: true, status: 204 });
    expect(received).toBe('{"é":1}');
    expect(pages.requests[0]?.headers).toMatchObject({
      'content-type': 'application/json',
      'content-length': '8',
    });
  });

  it('should connect to the address DNS gave when vetted, though DNS answers otherwise a moment later', async () => {
    // The first answer is the receiver on loopback (the site is local), every later one the
    // metadata service: a client that looked the name up again when connecting would go there.
    dns = await startDnsServer((_name, count) => (count === 0 ? ['127.0.0.1'] : ['169.254.169.254']));
    pages.set('/hook', (_request, response) => response.writeHead(200).end());
    const answer = await outgoingRequest(
      `http://hooks.rebind.test:${pages.port}/hook`,
      { ...local, method: 'POST', body: '{}', resolve: dns.resolve },
      status,
    );
    expect(answer).toEqual({ ok: true, status: 200 });
    expect(dns.asked).toEqual(['hooks.rebind.test']);
    expect(pages.requests[0]?.headers.host).toBe(`hooks.rebind.test:${pages.port}`);
  });

  it('should vet the host again on every redirect it follows', async () => {
    dns = await startDnsServer((name) => (name === 'inside.test' ? ['169.254.169.254'] : ['127.0.0.1']));
    pages.set('/a', (_request, response) =>
      response.writeHead(302, { location: `http://inside.test:${pages.port}/b` }).end(),
    );
    const answer = await outgoingRequest(
      `http://news.test:${pages.port}/a`,
      { ...local, resolve: dns.resolve, redirectsMax: 5 },
      status,
    );
    expect(answer).toMatchObject({
      ok: false,
      refused: true,
      reason: 'inside.test resolves to a link-local address (169.254.169.254), which is never contacted',
    });
    expect(dns.asked).toEqual(['news.test', 'inside.test']);
  });

  it('should hand back a redirect without following it unless told to', async () => {
    pages.set('/moved', (_request, response) => response.writeHead(307, { location: '/elsewhere' }).end());
    pages.set('/elsewhere', (_request, response) => response.writeHead(200).end());
    const answer = await outgoingRequest(
      `${pages.origin}/moved`,
      { ...local, method: 'POST', body: '{}' },
      status,
    );
    expect(answer).toEqual({ ok: true, status: 307 });
    expect(pages.requests.map((request) => request.path)).toEqual(['/moved']);
  });

  it('should say that a name which does not resolve does not resolve, and send nothing', async () => {
    dns = await startDnsServer(() => []);
    const answer = await outgoingRequest(
      'http://hooks.nowhere.test/hook',
      { ...local, local: false, resolve: dns.resolve },
      status,
    );
    expect(answer).toEqual({
      ok: false,
      reason: 'the host hooks.nowhere.test does not resolve',
      status: null,
      refused: false,
      retryAfterMs: null,
    });
  });

  it('should give up with the late reason when the caller aborts', async () => {
    pages.set('/hang', () => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const answer = await outgoingRequest(
      `${pages.origin}/hang`,
      { ...local, signal: controller.signal, lateReason: 'no answer in time' },
      status,
    );
    expect(answer).toMatchObject({ ok: false, reason: 'no answer in time', refused: false });
  });
});

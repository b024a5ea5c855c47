import type { AddressInfo } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDnsServer } from '../testing/dns-server.ts';
import { type PageServer, startPageServer } from '../testing/page-server.ts';
import { type FetchFailure, type FetchOutcome, PAGE_MAX_BYTES, safeFetch } from './safe-fetch.ts';

let pages: PageServer;
beforeEach(async () => {
  pages = await startPageServer();
});
afterEach(async () => pages.close());

/** A site marked local whose origin is the test server. */
const localSite = () => ({ allowedOrigins: [pages.origin], local: true });

function refusedWith(outcome: FetchOutcome): string {
  expect(outcome.ok).toBe(false);
  return (outcome as FetchFailure).reason;
}

describe('safeFetch on a site marked local', () => {
  it('should fetch a page of the site with its validators', async () => {
    pages.set('/a', (_request, response) =>
      response
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: '"v1"' })
        .end('<p>Café</p>'),
    );
    const outcome = await safeFetch(`${pages.origin}/a`, localSite());
    expect(outcome).toMatchObject({ ok: true, notModified: false, status: 200, etag: '"v1"' });
    expect(outcome.ok && outcome.body).toBe('<p>Café</p>');
  });

  it('should read the charset the page names in a meta element when the header names none', async () => {
    pages.set('/latin', (_request, response) =>
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          Buffer.from(
            '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>Caf\xe9</p>',
            'latin1',
          ),
        ),
    );
    const outcome = await safeFetch(`${pages.origin}/latin`, localSite());
    expect(outcome.ok && outcome.body).toContain('<p>Café</p>');
  });

  it('should send the validators back and report an unchanged page as not modified', async () => {
    pages.set('/a', (request, response) => {
      if (request.headers['if-none-match'] === '"v1"') response.writeHead(304).end();
      else response.writeHead(200, { 'content-type': 'text/html', etag: '"v1"' }).end('<p>x</p>');
    });
    const outcome = await safeFetch(`${pages.origin}/a`, {
      ...localSite(),
      validators: { etag: '"v1"', lastModified: 'Sat, 28 Nov 2026 10:00:00 GMT' },
    });
    expect(outcome).toMatchObject({ ok: true, notModified: true, status: 304 });
    expect(pages.requests[0]?.headers['if-modified-since']).toBe('Sat, 28 Nov 2026 10:00:00 GMT');
  });

  it('should read a gzip-compressed page', async () => {
    pages.set('/a', (_request, response) =>
      response
        .writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' })
        .end(gzipSync('<p>compressed</p>')),
    );
    const outcome = await safeFetch(`${pages.origin}/a`, localSite());
    expect(outcome.ok && outcome.body).toBe('<p>compressed</p>');
  });

  it('should follow a redirect within the site', async () => {
    pages.set('/old', (_request, response) => response.writeHead(301, { location: '/new' }).end());
    pages.set('/new', '<p>moved</p>');
    const outcome = await safeFetch(`${pages.origin}/old`, localSite());
    expect(outcome).toMatchObject({ ok: true, url: `${pages.origin}/new`, body: '<p>moved</p>' });
  });

  it('should answer HTTP 404 and pass on the Retry-After of a 503', async () => {
    expect(refusedWith(await safeFetch(`${pages.origin}/missing`, localSite()))).toBe('HTTP 404');
    pages.set('/busy', (_request, response) => response.writeHead(503, { 'retry-after': '120' }).end('busy'));
    expect(await safeFetch(`${pages.origin}/busy`, localSite())).toMatchObject({
      ok: false,
      reason: 'HTTP 503',
      status: 503,
      refused: false,
      retryAfterMs: 120_000,
    });
  });

  it('should say so when the server is down', async () => {
    const origin = pages.origin;
    await pages.close();
    pages = await startPageServer();
    expect(refusedWith(await safeFetch(`${origin}/a`, { allowedOrigins: [origin], local: true }))).toBe(
      'the server refused the connection',
    );
  });

  it('should connect to the address it checked, not to what DNS answers later', async () => {
    // news.test exists in no DNS: the page can only arrive if the vetted address is used.
    pages.set('/a', '<p>rebound</p>');
    const outcome = await safeFetch(`http://news.test:${pages.port}/a`, {
      allowedOrigins: [`http://news.test:${pages.port}`],
      local: true,
      resolve: async () => [{ address: '127.0.0.1', family: 4 }],
    });
    expect(outcome.ok && outcome.body).toBe('<p>rebound</p>');
    expect(pages.requests[0]?.headers.host).toBe(`news.test:${pages.port}`);
  });
});

describe('safeFetch over https', () => {
  it('should name the host in TLS (SNI) while connecting to the address it checked', async () => {
    const names: string[] = [];
    // The handshake stops once the client named the host: that name is what is under test.
    const tls = createTlsServer({
      SNICallback: (name, callback) => {
        names.push(name);
        callback(new Error('no certificate here'), undefined);
      },
    });
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    try {
      const origin = `https://news.test:${(tls.address() as AddressInfo).port}`;
      const outcome = await safeFetch(`${origin}/a`, {
        allowedOrigins: [origin],
        local: true,
        resolve: async () => [{ address: '127.0.0.1', family: 4 }],
      });
      expect(outcome).toMatchObject({ ok: false, refused: false });
      expect(names).toEqual(['news.test']);
    } finally {
      await new Promise((resolve) => tls.close(resolve));
    }
  });
});

describe("safeFetch of Errata's own pages (the demo newsroom)", () => {
  it("should fetch a page on the server's own public address on loopback for a site not marked local", async () => {
    pages.set('/demo/a.html', '<p>demo</p>');
    const outcome = await safeFetch(`${pages.origin}/demo/a.html`, {
      allowedOrigins: [pages.origin],
      local: false,
      selfUrl: pages.origin,
    });
    expect(outcome).toMatchObject({ ok: true, status: 200 });
  });

  it('should refuse another port of the same machine, and a redirect to one, for a site not marked local', async () => {
    const elsewhere = await startPageServer();
    try {
      elsewhere.set('/admin', '<p>admin</p>');
      pages.set('/demo/a.html', (_request, response) =>
        response.writeHead(302, { location: `${elsewhere.origin}/admin` }).end(),
      );
      const options = {
        allowedOrigins: [pages.origin, elsewhere.origin],
        local: false,
        selfUrl: pages.origin,
      };
      expect(refusedWith(await safeFetch(`${elsewhere.origin}/admin`, options))).toContain(
        'resolves to a loopback address (127.0.0.1): only public addresses are contacted',
      );
      expect(refusedWith(await safeFetch(`${pages.origin}/demo/a.html`, options))).toContain(
        'resolves to a loopback address (127.0.0.1): only public addresses are contacted',
      );
      expect(elsewhere.requests).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });
});

describe('safeFetch refuses what could reach where it must not', () => {
  it('should refuse a site not marked local whose host resolves to a loopback address', async () => {
    pages.set('/a', '<p>secret</p>');
    const dns = await startDnsServer(() => ['127.0.0.1']);
    try {
      const origin = `http://news.test:${pages.port}`;
      const outcome = await safeFetch(`${origin}/a`, {
        allowedOrigins: [origin],
        local: false,
        resolve: dns.resolve,
      });
      expect(outcome).toMatchObject({ ok: false, refused: true });
      expect(refusedWith(outcome)).toBe(
        'news.test resolves to a loopback address (127.0.0.1): only public addresses are contacted unless the site is marked local',
      );
      expect(pages.requests).toEqual([]);
    } finally {
      await dns.close();
    }
  });

  it('should refuse localhost by its name, trailing dot or not, for a site not marked local', async () => {
    pages.set('/a', '<p>secret</p>');
    for (const host of ['localhost', 'localhost.', 'LOCALHOST.', 'admin.localhost']) {
      const origin = `http://${host}:${pages.port}`;
      const outcome = await safeFetch(`${origin}/a`, {
        allowedOrigins: [new URL(origin).origin],
        local: false,
      });
      expect(refusedWith(outcome)).toMatch(/ is a loopback name: only public addresses are contacted/);
    }
    expect(pages.requests).toEqual([]);
  });

  it('should refuse a loopback IP address for a site not marked local', async () => {
    const outcome = await safeFetch(`${pages.origin}/a`, { allowedOrigins: [pages.origin], local: false });
    expect(refusedWith(outcome)).toContain('127.0.0.1 resolves to a loopback address (127.0.0.1)');
    expect(pages.requests).toEqual([]);
  });

  it('should refuse a host with any private address among its public ones', async () => {
    const outcome = await safeFetch('http://mixed.test/a', {
      allowedOrigins: ['http://mixed.test'],
      local: false,
      resolve: async () => [
        { address: '93.184.216.34', family: 4 },
        { address: '10.0.0.7', family: 4 },
      ],
    });
    expect(refusedWith(outcome)).toContain('mixed.test resolves to a private address (10.0.0.7)');
  });

  it('should refuse a redirect to 127.0.0.1 off the site', async () => {
    const elsewhere = await startPageServer();
    try {
      elsewhere.set('/admin', '<p>admin</p>');
      pages.set('/a', (_request, response) =>
        response.writeHead(302, { location: `http://127.0.0.1:${elsewhere.port}/admin` }).end(),
      );
      const outcome = await safeFetch(`${pages.origin}/a`, localSite());
      expect(refusedWith(outcome)).toBe(
        `redirected to http://127.0.0.1:${elsewhere.port}/admin: http://127.0.0.1:${elsewhere.port} is not one of the site's origins`,
      );
      expect(elsewhere.requests).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });

  it('should refuse a redirect to the metadata address 169.254.169.254 even for a local site listing it', async () => {
    pages.set('/a', (_request, response) =>
      response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
    );
    const outcome = await safeFetch(`${pages.origin}/a`, {
      allowedOrigins: [pages.origin, 'http://169.254.169.254'],
      local: true,
    });
    expect(outcome).toMatchObject({ ok: false, refused: true });
    expect(refusedWith(outcome)).toBe(
      '169.254.169.254 resolves to a link-local address (169.254.169.254), which is never contacted',
    );
  });

  it('should refuse a redirect to a scheme other than http and https', async () => {
    pages.set('/a', (_request, response) =>
      response.writeHead(302, { location: 'file:///etc/passwd' }).end(),
    );
    expect(refusedWith(await safeFetch(`${pages.origin}/a`, localSite()))).toBe(
      'redirected to file:///etc/passwd: only http and https pages are fetched, not file:',
    );
  });

  it('should refuse a page address of another scheme or origin outright', async () => {
    expect(refusedWith(await safeFetch('ftp://127.0.0.1/a', localSite()))).toContain(
      'only http and https pages are fetched, not ftp:',
    );
    expect(refusedWith(await safeFetch('http://other.example/a', localSite()))).toBe(
      "http://other.example/a: http://other.example is not one of the site's origins",
    );
  });

  it('should stop after 5 redirects', async () => {
    pages.set('/loop', (_request, response) => response.writeHead(302, { location: '/loop' }).end());
    expect(refusedWith(await safeFetch(`${pages.origin}/loop`, localSite()))).toBe('more than 5 redirects');
    expect(pages.requests).toHaveLength(6);
  });

  it('should refuse a page larger than 2 MB, declared or streamed', async () => {
    const huge = Buffer.alloc(PAGE_MAX_BYTES + 1, 'a');
    pages.set('/declared', (_request, response) =>
      response.writeHead(200, { 'content-type': 'text/html', 'content-length': huge.length }).end(huge),
    );
    pages.set('/streamed', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      for (let i = 0; i < 3; i++) response.write(Buffer.alloc(1024 * 1024, 'a'));
      response.end();
    });
    expect(refusedWith(await safeFetch(`${pages.origin}/declared`, localSite()))).toBe(
      'page larger than 2 MB',
    );
    expect(refusedWith(await safeFetch(`${pages.origin}/streamed`, localSite()))).toBe(
      'page larger than 2 MB',
    );
  });

  it('should count a compressed page by its unpacked size', async () => {
    pages.set('/bomb', (_request, response) =>
      response
        .writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' })
        .end(gzipSync(Buffer.alloc(PAGE_MAX_BYTES * 2, 'a'))),
    );
    expect(refusedWith(await safeFetch(`${pages.origin}/bomb`, localSite()))).toBe('page larger than 2 MB');
  });

  it('should give up on a body that drips too slowly', async () => {
    let dripping: NodeJS.Timeout | undefined;
    pages.set('/slow', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      dripping = setInterval(() => response.write('a'), 50);
      response.on('close', () => clearInterval(dripping));
    });
    try {
      const outcome = await safeFetch(`${pages.origin}/slow`, { ...localSite(), timeoutMs: 400 });
      expect(refusedWith(outcome)).toBe('the page did not arrive within 400 ms');
    } finally {
      clearInterval(dripping);
    }
  });

  it('should see 127.0.0.1 in its decimal, hex, octal, short and IPv6 spellings', async () => {
    pages.set('/a', '<p>secret</p>');
    const port = pages.port;
    const mappedOrigin = `http://[::ffff:7f00:1]:${port}`;
    for (const spelling of ['2130706433', '0x7f.1', '0177.0.0.1', '127.1', '[::ffff:127.0.0.1]']) {
      const outcome = await safeFetch(`http://${spelling}:${port}/a`, {
        allowedOrigins: [pages.origin, mappedOrigin],
        local: false,
      });
      expect(refusedWith(outcome)).toMatch(/resolves to a loopback address/);
    }
    expect(pages.requests).toEqual([]);
  });

  it('should refuse an address with a user name or password, without repeating them', async () => {
    pages.set('/a', '<p>x</p>');
    const withCredentials = `http://editor:s3cret@127.0.0.1:${pages.port}/a`;
    expect(refusedWith(await safeFetch(withCredentials, localSite()))).toBe(
      `${pages.origin}/a: addresses with a user name or password are not fetched`,
    );
    pages.set('/b', (_request, response) => response.writeHead(302, { location: withCredentials }).end());
    const redirected = refusedWith(await safeFetch(`${pages.origin}/b`, localSite()));
    expect(redirected).toBe(
      `redirected to ${pages.origin}/a: addresses with a user name or password are not fetched`,
    );
    expect(pages.requests.map((request) => request.path)).toEqual(['/b']);
  });

  it('should refuse a redirect to an address that does not parse', async () => {
    pages.set('/a', (_request, response) => response.writeHead(302, { location: 'http://[::1' }).end());
    expect(refusedWith(await safeFetch(`${pages.origin}/a`, localSite()))).toBe(
      'redirected to "http://[::1", which is not a valid address',
    );
  });

  it('should give up on a server that accepts the request and never answers', async () => {
    pages.set('/hang', () => {});
    const outcome = await safeFetch(`${pages.origin}/hang`, { ...localSite(), timeoutMs: 300 });
    expect(refusedWith(outcome)).toBe('the page did not arrive within 300 ms');
  });

  it('should give up on a compressed body that stops half-way', async () => {
    const packed = gzipSync('<p>compressed</p>'.repeat(100));
    pages.set('/half', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      response.write(packed.subarray(0, packed.length >> 1));
    });
    const outcome = await safeFetch(`${pages.origin}/half`, { ...localSite(), timeoutMs: 300 });
    expect(refusedWith(outcome)).toBe('the page did not arrive within 300 ms');
  });

  it('should refuse response headers larger than 16 KB', async () => {
    pages.set('/fat', (_request, response) =>
      response
        .writeHead(200, { 'content-type': 'text/html', 'x-padding': 'a'.repeat(20_000) })
        .end('<p>x</p>'),
    );
    expect(refusedWith(await safeFetch(`${pages.origin}/fat`, localSite()))).toBe(
      'the server sent headers larger than 16 KB',
    );
  });

  it('should say so when a compressed page does not unpack', async () => {
    pages.set('/broken', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      // A valid start, then garbage, and the connection is left open.
      response.write(Buffer.concat([gzipSync('<p>ok</p>').subarray(0, 10), Buffer.alloc(64, 0xff)]));
    });
    expect(refusedWith(await safeFetch(`${pages.origin}/broken`, localSite()))).toBe(
      'the page is not validly compressed',
    );
  });

  it('should refuse a body in an encoding it did not offer', async () => {
    pages.set('/z', (_request, response) =>
      response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'zstd' }).end('(zstd)'),
    );
    expect(refusedWith(await safeFetch(`${pages.origin}/z`, localSite()))).toBe(
      'the page is compressed as zstd, which is not read',
    );
  });

  it('should refuse what is not HTML', async () => {
    pages.set('/a.pdf', (_request, response) =>
      response.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF'),
    );
    expect(refusedWith(await safeFetch(`${pages.origin}/a.pdf`, localSite()))).toBe(
      'the page is application/pdf, not HTML',
    );
  });
});

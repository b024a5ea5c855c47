/**
 * docs/deploy/errata.nginx.conf, run as written (its ports and certificate paths replaced) by a
 * real nginx in front of a real Errata process that trusts one proxy: the widget arrives through
 * it as Errata compressed it, a report is accepted and rate limited by the reader's own address
 * (a made-up X-Forwarded-For changes nothing), live events arrive through it as they happen, and
 * plain HTTP is sent to HTTPS. Needs nginx (.ci/run installs Debian's); skipped with the reason
 * on a laptop without it, a failure under CI.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, type ServerProcess, startServerProcess, underCi } from '@errata/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const NGINX = '/usr/sbin/nginx';
const SITE_CONF = new URL('../docs/deploy/errata.nginx.conf', import.meta.url);
const WIDGET_BR = new URL('../packages/widget/dist/widget.js.br', import.meta.url);
const ERRATA_BIN = new URL('../packages/server/bin/errata.js', import.meta.url);
const REPORTS_PER_MINUTE = 3;

const missing = existsSync(NGINX) ? null : `no nginx at ${NGINX} (apt-get install nginx)`;
if (missing && underCi()) throw new Error(`${missing}: the deployment test must run under CI`);
if (missing) console.log(`${missing}: the nginx deployment test is skipped`);

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

describe.skipIf(missing !== null)('Errata behind nginx, configured as docs/deploy.md says', () => {
  const dir = mkdtempSync(join(tmpdir(), 'errata-nginx-'));
  let errata: ServerProcess;
  let nginx: ChildProcess;
  let https: number;
  let http: number;
  let cert: Buffer;
  let token: string;
  let nginxOutput = '';

  /** A request through nginx's HTTPS port, from a chosen loopback address (a reader's own address). */
  function viaNginx(
    path: string,
    options: { method?: string; headers?: Record<string, string>; body?: string; from?: string } = {},
  ): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const request = httpsRequest(
        {
          host: '127.0.0.1',
          port: https,
          path,
          method: options.method ?? 'GET',
          servername: 'localhost',
          ca: cert,
          localAddress: options.from ?? '127.0.0.1',
          headers: { host: `localhost:${https}`, ...options.headers },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks),
            }),
          );
        },
      );
      request.on('error', reject);
      request.end(options.body);
    });
  }

  const publicUrl = () => `https://localhost:${https}`;
  const report = (from: string, headers: Record<string, string> = {}, n = 0) =>
    viaNginx('/api/v1/reports', {
      method: 'POST',
      from,
      headers: { 'content-type': 'application/json', origin: publicUrl(), ...headers },
      body: JSON.stringify({
        site: 'demo',
        url: `${publicUrl()}/demo/articles/harbour-bridge.html`,
        quote: { exact: `Roterdam${n}`, prefix: 'engineers from ', suffix: ' will inspect the' },
        position: { start: 120, end: 129 },
        suggestion: 'Rotterdam',
      }),
    });

  beforeAll(async () => {
    [https, http] = [await freePort(), await freePort()];
    const errataPort = await freePort();
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost',
        '-keyout',
        join(dir, 'privkey.pem'),
        '-out',
        join(dir, 'fullchain.pem'),
      ],
      { stdio: 'ignore' },
    );
    cert = readFileSync(join(dir, 'fullchain.pem'));

    const site = readFileSync(SITE_CONF, 'utf8');
    const replaced = site
      .replaceAll('/etc/letsencrypt/live/errata.example.org/', `${dir}/`)
      .replace('server 127.0.0.1:8080;', `server 127.0.0.1:${errataPort};`)
      .replace('listen 443 ssl http2;', `listen 127.0.0.1:${https} ssl http2;`)
      .replace('listen 80;', `listen 127.0.0.1:${http};`)
      .replace(/^\s*listen \[::\]:\d+.*$/gm, '');
    // The test must run the documented file: each replacement has to have found its target.
    for (const [what, found] of [
      ['certificate paths', !replaced.includes('/etc/letsencrypt')],
      ['upstream', replaced.includes(`127.0.0.1:${errataPort}`)],
      ['https listen', replaced.includes(`127.0.0.1:${https} ssl`)],
      ['http listen', replaced.includes(`listen 127.0.0.1:${http};`)],
    ] as const) {
      if (!found) throw new Error(`docs/deploy/errata.nginx.conf changed: no ${what} to replace`);
    }
    writeFileSync(join(dir, 'errata.conf'), replaced);
    writeFileSync(
      join(dir, 'nginx.conf'),
      `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/errata.conf;
}
`,
    );

    errata = await startServerProcess({
      port: errataPort,
      dataDir: join(dir, 'data'),
      env: {
        ERRATA_PUBLIC_URL: `https://localhost:${https}`,
        ERRATA_TRUST_PROXY: '1',
        ERRATA_REPORTS_PER_MINUTE: String(REPORTS_PER_MINUTE),
      },
    });
    token = execFileSync(process.execPath, [ERRATA_BIN.pathname, 'token', 'create', '--site', 'demo'], {
      env: { ...process.env, ERRATA_DATA_DIR: join(dir, 'data'), ERRATA_DATABASE_URL: '' },
      encoding: 'utf8',
    }).trim();

    nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    nginx.stderr?.on('data', (chunk) => (nginxOutput += chunk));
    const started = Date.now();
    for (;;) {
      try {
        if ((await viaNginx('/healthz')).status === 200) break;
      } catch {}
      if (nginx.exitCode !== null || Date.now() - started > 15_000) {
        throw new Error(`nginx did not start: ${nginxOutput}${readIfThere(join(dir, 'error.log'))}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 60_000);

  afterAll(async () => {
    nginx?.kill('SIGTERM');
    await errata?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the widget through as Errata compressed it, and plain HTTP to HTTPS', async () => {
    const widget = await viaNginx('/widget.js', { headers: { 'accept-encoding': 'br, gzip' } });
    expect(widget.status).toBe(200);
    expect(widget.headers['content-encoding']).toBe('br');
    expect(String(widget.headers.vary)).toMatch(/accept-encoding/i);
    expect(widget.body).toEqual(readFileSync(WIDGET_BR));

    const plain = await new Promise<IncomingMessage>((resolve, reject) =>
      httpRequest({ host: '127.0.0.1', port: http, path: '/admin/', headers: { host: 'localhost' } }, resolve)
        .on('error', reject)
        .end(),
    );
    plain.resume();
    expect(plain.statusCode).toBe(301);
    expect(plain.headers.location).toBe('https://localhost/admin/');
  });

  it('limits reports by the reader’s own address, whatever X-Forwarded-For the reader sends', async () => {
    const answers: number[] = [];
    for (let n = 0; n < REPORTS_PER_MINUTE + 1; n++) {
      // Each time a made-up address: nginx replaces it with the one it sees.
      answers.push((await report('127.0.0.2', { 'x-forwarded-for': `203.0.113.${n}` }, n)).status);
    }
    expect(answers).toEqual([...Array(REPORTS_PER_MINUTE).fill(201), 429]);
    // Another reader, another address: not limited by the first one's reports.
    expect((await report('127.0.0.3', {}, 99)).status).toBe(201);
  });

  it('passes live events through as they happen', async () => {
    const events: string[] = [];
    const stream = await new Promise<IncomingMessage>((resolve, reject) => {
      httpsRequest(
        {
          host: '127.0.0.1',
          port: https,
          path: '/api/v1/events?site=demo',
          servername: 'localhost',
          ca: cert,
          headers: {
            host: `localhost:${https}`,
            authorization: `Bearer ${token}`,
            accept: 'text/event-stream',
          },
        },
        resolve,
      )
        .on('error', reject)
        .end();
    });
    expect(stream.statusCode).toBe(200);
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => events.push(chunk));
    try {
      // The stream says it is open before anything happens: nothing is held back by the proxy.
      await expect.poll(() => events.join('').length, { timeout: 5_000 }).toBeGreaterThan(0);
      expect((await report('127.0.0.4', {}, 200)).status).toBe(201);
      await expect.poll(() => events.join(''), { timeout: 5_000 }).toContain('Roterdam200');
    } finally {
      stream.destroy();
    }
  });
});

function readIfThere(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

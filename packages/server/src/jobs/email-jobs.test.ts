import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { addUser } from '../domain/users.ts';
import { type RunningServer, startServer } from '../server.ts';
import { freePort } from '../testing/free-port.ts';
import { type SmtpTestServer, startSmtpTestServer } from '../testing/smtp-test-server.ts';
import { demoReport } from '../testing/test-app.ts';

let smtp: SmtpTestServer;
let dir: string;
let server: RunningServer | null = null;
beforeEach(async () => {
  smtp = await startSmtpTestServer();
  dir = mkdtempSync(join(tmpdir(), 'errata-email-'));
});
afterEach(async () => {
  await server?.close();
  server = null;
  await smtp.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a server with ERRATA_SMTP_URL', () => {
  it('should mail an editor who chose instant mail when a reader reports a mistake', async () => {
    server = await startServer(
      loadConfig({
        PORT: String(await freePort()),
        ERRATA_DATA_DIR: dir,
        LOG_LEVEL: 'silent',
        ERRATA_SMTP_URL: smtp.url,
        ERRATA_MAIL_FROM: 'Errata <errata@news.example>',
      }),
    );
    const password = 'correct horse battery';
    await addUser(server.store, { email: 'ed@example.org', password, role: 'editor', sites: ['demo'] });
    const signIn = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ed@example.org', password }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const choose = await fetch(`${server.url}/api/v1/sites/demo/email-preferences`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ mode: 'instant', instantFrom: 1 }),
    });
    expect(await choose.json()).toEqual({ mode: 'instant', instantFrom: 1, mailConfigured: true });

    const page = `${server.url}/demo/articles/harbour-bridge.html`;
    const report = await fetch(`${server.url}/api/v1/reports?wait=erratum`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: server.url },
      body: JSON.stringify(demoReport({ url: page })),
    });
    expect(report.status).toBe(201);

    const [mail] = await smtp.waitForMails(1);
    expect(mail?.to).toEqual(['ed@example.org']);
    expect(mail?.headers.from).toContain('errata@news.example');
    expect(mail?.text).toContain('Roterdam');
    expect(mail?.html).toContain('<mark>Roterdam</mark>');
  });

  it('should refuse to start with an SMTP URL of another scheme, saying how to write it', () => {
    expect(() => loadConfig({ ERRATA_SMTP_URL: 'http://mail.example' })).toThrow(
      'ERRATA_SMTP_URL must start with smtp:// or smtps://, not http://',
    );
  });
});

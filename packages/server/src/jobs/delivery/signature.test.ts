import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { signatureHeader, verifySignature } from './signature.ts';

const secret = 'whsec_abc';
const body = '{"id":"01jexample","type":"erratum.created"}';
const sentAt = new Date('2026-01-01T12:00:00Z');

describe('webhook signatures', () => {
  it('signs the unix timestamp and the body as t=<seconds>,v1=<hex HMAC-SHA256>', () => {
    // Computed outside this code: printf '1767268800.<body>' | openssl dgst -sha256 -hmac whsec_abc
    expect(signatureHeader(secret, body, sentAt)).toBe(
      't=1767268800,v1=35b9f17b976fa8387bb4643d35c733c78ecd7fb0c62da99b7da07eaec7579a79',
    );
  });

  it('accepts its own signature within five minutes', () => {
    const header = signatureHeader(secret, body, sentAt);
    expect(verifySignature(secret, body, header, new Date(sentAt.getTime() + 299_000))).toBe(true);
  });

  it('refuses a replay older than five minutes', () => {
    const header = signatureHeader(secret, body, sentAt);
    expect(verifySignature(secret, body, header, new Date(sentAt.getTime() + 301_000))).toBe(false);
  });

  it('refuses a changed body, another secret, or a timestamp changed to look fresh', () => {
    const header = signatureHeader(secret, body, sentAt);
    expect(verifySignature(secret, body.replace('created', 'reported'), header, sentAt)).toBe(false);
    expect(verifySignature('whsec_other', body, header, sentAt)).toBe(false);
    const later = new Date(sentAt.getTime() + 3_600_000);
    const refreshed = header.replace(/^t=\d+/, `t=${later.getTime() / 1000}`);
    expect(verifySignature(secret, body, refreshed, later)).toBe(false);
  });

  it('refuses a malformed header', () => {
    expect(verifySignature(secret, body, 'v1=zz', sentAt)).toBe(false);
    expect(verifySignature(secret, body, '', sentAt)).toBe(false);
  });
});

describe('the receiver in docs/webhooks.md', () => {
  /** The documented receiver's code, as a reader would copy it. */
  const snippet = () => {
    const doc = readFileSync(new URL('../../../../../docs/webhooks.md', import.meta.url), 'utf8');
    const code = /```js\n([\s\S]*?timingSafeEqual[\s\S]*?)```/.exec(doc)?.[1];
    if (!code) throw new Error('no receiver snippet in docs/webhooks.md');
    return code;
  };

  it('accepts what the server signs and refuses a changed body or a stale signature', async () => {
    const port = await freePort();
    const receiver: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', snippet()], {
      env: { ...process.env, ERRATA_WEBHOOK_SECRET: secret, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const post = (payload: string, header: string) =>
        fetch(`http://127.0.0.1:${port}/`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'errata-signature': header },
          body: payload,
        }).then((response) => response.status);
      await expect.poll(() => post(body, '').catch(() => 0), { timeout: 10_000, interval: 100 }).toBe(401);
      expect(await post(body, signatureHeader(secret, body, new Date()))).toBe(204);
      const tampered = body.replace('created', 'reported');
      expect(await post(tampered, signatureHeader(secret, body, new Date()))).toBe(401);
      expect(await post(body, signatureHeader(secret, body, new Date(Date.now() - 600_000)))).toBe(401);
    } finally {
      receiver.kill();
      await once(receiver, 'exit');
    }
  });
});

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

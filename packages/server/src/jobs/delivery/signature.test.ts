import { describe, expect, it } from 'vitest';
import { signatureHeader, verifySignature } from './signature.ts';

const secret = 'whsec_abc';
const body = '{"id":"01jexample","type":"erratum.created"}';
const sentAt = new Date('2026-01-01T12:00:00Z');

describe('webhook signatures', () => {
  it('signs the unix timestamp and the body as t=<seconds>,v1=<hex HMAC-SHA256>', () => {
    expect(signatureHeader(secret, body, sentAt)).toMatch(/^t=1767268800,v1=[0-9a-f]{64}$/);
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

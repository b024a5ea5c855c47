import { describe, expect, it } from 'vitest';
import { isSelfUrl } from './self-url.ts';

describe('isSelfUrl', () => {
  it("should take a URL on the public URL's exact scheme, host and port", () => {
    expect(isSelfUrl(new URL('http://localhost:8080/demo/a.html'), 'http://localhost:8080')).toBe(true);
    expect(isSelfUrl(new URL('https://errata.example/demo/'), 'https://errata.example')).toBe(true);
  });

  it('should refuse another port, scheme or host, even one naming the same machine', () => {
    for (const url of [
      'http://localhost:8081/demo/a.html',
      'https://localhost:8080/demo/a.html',
      'http://127.0.0.1:8080/demo/a.html',
      'http://localhost.:8080/demo/a.html',
      'http://errata.example.evil.test/demo/',
    ]) {
      expect(isSelfUrl(new URL(url), 'http://localhost:8080'), url).toBe(false);
    }
  });

  it('should keep a server under a path to that path of its host', () => {
    const publicUrl = 'https://intranet.example/errata';
    expect(isSelfUrl(new URL('https://intranet.example/errata/demo/a.html'), publicUrl)).toBe(true);
    expect(isSelfUrl(new URL('https://intranet.example/errata'), publicUrl)).toBe(true);
    expect(isSelfUrl(new URL('https://intranet.example/errata-admin/'), publicUrl)).toBe(false);
    expect(isSelfUrl(new URL('https://intranet.example/payroll/'), publicUrl)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { privacyPageUrl, readerDataFileName } from './privacy-link.ts';

describe("a site's privacy page link", () => {
  it("should point at the server's /privacy/<public key> beside the dashboard", () => {
    expect(privacyPageUrl('https://errata.example.org', '/admin/', 'courier')).toBe(
      'https://errata.example.org/privacy/courier',
    );
  });

  it('should keep a path the server is served under, and encode the key', () => {
    expect(privacyPageUrl('https://example.org', '/errata/admin/', 'a b/c')).toBe(
      'https://example.org/errata/privacy/a%20b%2Fc',
    );
  });
});

describe("a reader's data export file", () => {
  it("should be named for the site and the day, not the reader's address", () => {
    expect(readerDataFileName('courier', new Date('2026-12-04T21:00:00Z'))).toBe(
      'reader-data-courier-2026-12-04.json',
    );
  });
});

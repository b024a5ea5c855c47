import { describe, expect, it } from 'vitest';
import { pageHref, pageLabel } from './page-link.ts';

describe('pageHref', () => {
  it('links http and https pages', () => {
    expect(pageHref('https://news.example/2025/budget')).toBe('https://news.example/2025/budget');
    expect(pageHref('http://news.example/a?b=1')).toBe('http://news.example/a?b=1');
  });

  it('never links a script or data URL a hostile reader sent', () => {
    expect(pageHref('javascript:alert(1)')).toBeNull();
    expect(pageHref(' JavaScript:alert(1)')).toBeNull();
    expect(pageHref('data:text/html,<script>alert(1)</script>')).toBeNull();
  });

  it('does not link something that is not a URL', () => {
    expect(pageHref('/relative/path')).toBeNull();
    expect(pageHref('')).toBeNull();
  });
});

describe('pageLabel', () => {
  it("uses the page's title when it has one", () => {
    expect(pageLabel('  Budget passes  ', 'https://news.example/a')).toBe('Budget passes');
  });

  it('falls back to the path and query when the title is missing or blank', () => {
    expect(pageLabel(null, 'https://news.example/2025/03/budget?p=2')).toBe('/2025/03/budget?p=2');
    expect(pageLabel('   ', 'https://news.example/a')).toBe('/a');
  });

  it('falls back to the URL as given when it cannot be parsed', () => {
    expect(pageLabel(null, 'not a url')).toBe('not a url');
  });
});

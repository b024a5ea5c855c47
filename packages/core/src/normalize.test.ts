import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText, normalizeUrl, originOf } from './normalize.ts';

describe('normalizeText', () => {
  it('folds case, Unicode forms, invisible characters and whitespace runs', () => {
    expect(normalizeText('  Caf\u0065\u0301\u00a0 DU\u200b  Monde\n')).toBe('café du monde');
    expect(normalizeText('ﬁnal soft\u00adhyphen')).toBe('final softhyphen');
  });

  it('gives upper- and lower-case forms of a letter with a combining mark the same text', () => {
    expect(normalizeText('T\u0308')).toBe(normalizeText('\u1e97'));
    expect(normalizeText('\u03aa\u0301')).toBe(normalizeText(normalizeText('\u03aa\u0301')));
  });

  it('turns control characters into spaces', () => {
    expect(normalizeText('a\u001fb\u0000c')).toBe('a b c');
  });

  it('is idempotent for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const once = normalizeText(text);
        expect(normalizeText(once)).toBe(once);
      }),
    );
  });
});

describe('normalizeUrl', () => {
  it('drops fragments, tracking parameters, default ports and trailing slashes, and sorts the query', () => {
    expect(normalizeUrl('HTTPS://News.Example.org:443/a/?utm_source=x&b=2&a=1#top')).toBe(
      'https://news.example.org/a?a=1&b=2',
    );
  });

  it('keeps the root path and non-default ports', () => {
    expect(normalizeUrl('http://localhost:8080/')).toBe('http://localhost:8080/');
  });

  it('refuses anything but absolute http(s) URLs', () => {
    expect(normalizeUrl('ftp://example.org/x')).toBeNull();
    expect(normalizeUrl('data:text/html,hi')).toBeNull();
    expect(normalizeUrl('not a url')).toBeNull();
  });
});

describe('originOf', () => {
  it('gives scheme, host and port', () => {
    expect(originOf('http://localhost:8080/demo/a.html?x#y')).toBe('http://localhost:8080');
    expect(originOf('mailto:a@b.c')).toBeNull();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spotKey } from './fingerprint.ts';
import { normalizeText } from './normalize.ts';

const page = 'https://news.example.org/2026/bridge';
const quote = { exact: 'Roterdam', prefix: 'engineers from ', suffix: ' will inspect the' };

describe('spotKey', () => {
  it('is the same for the same spot whatever the whitespace, case and Unicode form', () => {
    const base = spotKey(page, quote);
    expect(
      spotKey(page, { exact: ' ROTERDAM\u00a0', prefix: 'Engineers   from\n', suffix: '\twill inspect the' }),
    ).toBe(base);
    // Full-width letters and a decomposed accent normalise (NFKC) to the same text.
    const accented = { exact: 'Caf\u00e9', prefix: 'the ', suffix: ' on' };
    expect(spotKey(page, { ...accented, exact: 'Cafe\u0301' })).toBe(spotKey(page, accented));
    expect(spotKey(page, { ...quote, exact: 'Ｒｏｔｅｒｄａｍ' })).toBe(base);
  });

  it('is the same for URLs that differ only by fragment, tracking parameters or a trailing slash', () => {
    const base = spotKey(page, quote);
    expect(spotKey(`${page}/#comments`, quote)).toBe(base);
    expect(spotKey(`${page}?utm_source=newsletter&fbclid=abc`, quote)).toBe(base);
    expect(spotKey('HTTPS://NEWS.example.org:443/2026/bridge', quote)).toBe(base);
  });

  it('tells apart the same words at another place on the page', () => {
    expect(spotKey(page, { ...quote, prefix: 'a flight to ' })).not.toBe(spotKey(page, quote));
    expect(spotKey(page, { ...quote, suffix: ' port authority' })).not.toBe(spotKey(page, quote));
  });

  it('tells apart the same spot on another page or another query', () => {
    expect(spotKey(`${page}-2`, quote)).not.toBe(spotKey(page, quote));
    expect(spotKey(`${page}?page=2`, quote)).not.toBe(spotKey(page, quote));
  });

  it('ignores context further than its window from the quote', () => {
    const near = 'x'.repeat(40);
    expect(spotKey(page, { ...quote, prefix: `first ${near}${quote.prefix}` })).toBe(
      spotKey(page, { ...quote, prefix: `other ${near}${quote.prefix}` }),
    );
  });

  it('refuses what is not an http(s) page', () => {
    expect(spotKey('javascript:alert(1)', quote)).toBeNull();
    expect(spotKey('/relative/path', quote)).toBeNull();
  });

  it('never lets one field run into the next, even with control characters', () => {
    expect(spotKey(page, { exact: 'x\u001fy', prefix: '', suffix: 'z' })).not.toBe(
      spotKey(page, { exact: 'x', prefix: 'y\u001f', suffix: 'z' }),
    );
  });

  it('never lets one field run into the next', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'binary' }),
        (a, b, c) => {
          const one = spotKey(page, { exact: `${a}${b}`, prefix: c, suffix: '' });
          const two = spotKey(page, { exact: a, prefix: c, suffix: b });
          // Different splits of the same characters are different spots unless the text is identical.
          if (normalizeText(b) !== '') expect(one).not.toBe(two);
        },
      ),
    );
  });
});

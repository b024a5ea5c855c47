/**
 * The corpus run's own tools, without a browser: finding the word a browser showed in the
 * HTML it came from, and the correction it writes there.
 */
import { describe, expect, it } from 'vitest';
import { transposed, withEmbed } from './harness/real-pages-corpus.ts';
import { replaceAt, type WordInTextNode, wordLocator } from './harness/source-occurrence.ts';

const HTML = `<!doctype html><html><head><title>Bridge</title></head><body>
<p>The bridge opens in spring.</p><p>The bridge opens in spring.</p>
<p>Caf&eacute; owners near the bridge agree.</p>
</body></html>`;

/** The word as the browser would name it: in the n-th text node with this value. */
const wordIn = (value: string, occurrence: number, total: number, word: string): WordInTextNode => ({
  value,
  occurrence,
  total,
  parentTag: 'p',
  start: value.indexOf(word),
  word,
});

describe('finding a word of the live DOM in the page source', () => {
  it('finds the occurrence in the n-th text node of the same value', () => {
    const locate = wordLocator(HTML);
    const second = locate(wordIn('The bridge opens in spring.', 1, 2, 'bridge'));
    expect(second).not.toBeNull();
    const fixed = replaceAt(HTML, second!, 'brigde');
    expect(fixed).toContain('<p>The bridge opens in spring.</p><p>The brigde opens in spring.</p>');
  });

  it('finds a word in a text node whose source holds a character reference elsewhere', () => {
    const at = wordLocator(HTML)(wordIn('Café owners near the bridge agree.', 0, 1, 'bridge'));
    expect(replaceAt(HTML, at!, 'span')).toContain('Caf&eacute; owners near the span agree.');
  });

  it('refuses a word spelt with a character reference in the source', () => {
    expect(wordLocator(HTML)(wordIn('Café owners near the bridge agree.', 0, 1, 'Café'))).toBeNull();
  });

  it('refuses when the page had more text nodes of that value than its source (a script wrote one)', () => {
    expect(wordLocator(HTML)(wordIn('The bridge opens in spring.', 2, 3, 'bridge'))).toBeNull();
  });
});

describe('the correction and the embed', () => {
  it('swaps two different letters inside the word, keeping its first and last', () => {
    expect(transposed('bridge')).toBe('brdige');
    expect(transposed('commodo')).not.toBe('commodo');
    expect(transposed('aaaaa')).toBe('aaeaa');
  });

  it('puts the embed before the last </body>, or at the end without one', () => {
    expect(withEmbed('<p>a</p></BODY></html>', 'http://e')).toMatch(
      /<script src="http:\/\/e\/widget.js"[^>]*><\/script><\/BODY>/,
    );
    expect(withEmbed('<p>a</p>', 'http://e')).toMatch(/^<p>a<\/p><script /);
  });
});

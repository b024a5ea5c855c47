import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import { attributeOf, parseRootSelector, selectFirst } from './root-selector.ts';

const PAGE = parse(`<!doctype html><body>
  <main id="top" class="site">
    <div class="post teaser" data-kind="teaser"><p class="body">Teaser</p></div>
    <section><div class="post full" data-kind="full"><div><p class="body">Full</p></div></div></section>
  </main>
  <template><p class="body">Template</p></template>
</body>`);

/** The text of the first element the selector matches, as querySelector would find it. */
function first(selector: string): string | null {
  const parsed = parseRootSelector(selector);
  if (!parsed) throw new Error(`unsupported: ${selector}`);
  const element = selectFirst(PAGE, parsed);
  if (!element) return null;
  return attributeOf(element, 'data-kind') ?? attributeOf(element, 'id') ?? element.tagName;
}

describe('root selectors', () => {
  it('match by tag, id, class, compound and attribute, first in document order', () => {
    expect(first('main')).toBe('top');
    expect(first('#top')).toBe('top');
    expect(first('.post')).toBe('teaser');
    expect(first('div.full')).toBe('full');
    expect(first('.post.full')).toBe('full');
    expect(first('[data-kind]')).toBe('teaser');
    expect(first('[data-kind="full"]')).toBe('full');
    expect(first("[DATA-KIND='full']")).toBe('full');
    expect(first('[data-kind=full]')).toBe('full');
    expect(first('*#top')).toBe('top');
  });

  it('match descendants, children and lists', () => {
    expect(first('section .post')).toBe('full');
    expect(first('main > .post')).toBe('teaser');
    expect(first('section > div > div')).toBe('div');
    expect(first('main>section>.post')).toBe('full');
    expect(first('section > p')).toBeNull();
    expect(first('.full, .teaser')).toBe('teaser');
  });

  it('do not look into template contents', () => {
    expect(first('template p')).toBeNull();
  });

  it('refuse what the server cannot evaluate', () => {
    for (const selector of [
      '',
      'a:hover',
      'p::before',
      'a + b',
      'a ~ b',
      '[a^=b]',
      '#1a',
      'a,',
      '> a',
      '.a\\:b',
    ]) {
      expect(parseRootSelector(selector), selector).toBeNull();
    }
  });
});

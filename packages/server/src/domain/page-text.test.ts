import { describe, expect, it } from 'vitest';
import { fixtureDocument, TEXT_MODEL_FIXTURES } from '../../../core/src/text-model.fixtures.ts';
import { ErrataError } from './errors.ts';
import { PageRoots, pageText } from './page-text.ts';

describe('pageText', () => {
  it.each(TEXT_MODEL_FIXTURES.map((fixture) => [fixture.name, fixture] as const))('%s', (_, fixture) => {
    expect(pageText(fixtureDocument(fixture), fixture.root ?? null).text).toBe(fixture.text);
  });

  it('gives each counted text node its offset in the text', () => {
    const { text, segments } = pageText(
      '<article><p>The <a href="#">mayor</a> of</p><p>Minks</p></article>',
      null,
    );
    expect(text).toBe('The mayor of\nMinks');
    expect(segments.map(({ node, start }) => [node.nodeValue, start])).toEqual([
      ['The ', 0],
      ['mayor', 4],
      [' of', 9],
      ['Minks', 13],
    ]);
  });

  it('reads a page whose root selector matches nothing with the default root', () => {
    expect(pageText('<main><p>Main</p></main><p>Elsewhere</p>', '#story').text).toBe('Main');
  });

  it('treats a blank root selector as none', () => {
    expect(pageText('<article>Story</article>', '  ').text).toBe('Story');
  });

  it('refuses a root selector the server cannot evaluate, saying what it can', () => {
    const read = () => pageText('<article>Story</article>', 'article:not(.ad)');
    expect(read).toThrow(ErrataError);
    expect(read).toThrow(/tag names, #id, \.class and \[attribute\]/);
  });

  it('matches ids and classes regardless of case on a quirks-mode page, as browsers do', () => {
    const page = '<html><body><p>Teaser</p><div class="Story" id="Main">Story</div></body></html>';
    expect(pageText(page, '.story').text).toBe('Story');
    expect(pageText(page, '#main').text).toBe('Story');
    // In standards mode the case matters: nothing matches, and the default root (body) is read.
    expect(pageText(`<!doctype html>${page}`, '.story').text).toBe('Teaser\nStory');
  });
});

describe('PageRoots', () => {
  const page = `<body><article>Teaser one</article><main><article>Story <template><article>Not counted</article></template>text</article>
<article>Comment</article></main><footer>Footer</footer></body>`;

  it('reads the root a report names: the index-th match of its selector in document order', () => {
    const roots = new PageRoots(page, null);
    expect(roots.textOf({ selector: 'article', index: 1 }).text).toBe('Story text');
    expect(roots.textOf({ selector: 'article', index: 2 }).text).toBe('Comment');
    expect(roots.textOf({ selector: 'main', index: 0 }).text).toBe('Story text\nComment');
  });

  it('reads the site’s root for a report that names none, or one this page does not have', () => {
    const roots = new PageRoots(page, 'main');
    expect(roots.textOf(null).text).toBe('Story text\nComment');
    expect(roots.textOf({ selector: 'article', index: 9 }).text).toBe('Story text\nComment');
    expect(roots.textOf({ selector: 'article:not(.teaser)', index: 0 }).text).toBe('Story text\nComment');
  });

  it('reads the whole body, where every root’s text is', () => {
    expect(new PageRoots(page, null).wholeText().text).toBe('Teaser one\nStory text\nComment\nFooter');
  });
});

import { describe, expect, it } from 'vitest';
import { fixtureDocument, TEXT_MODEL_FIXTURES } from '../../../core/src/text-model.fixtures.ts';
import { ErrataError } from './errors.ts';
import { pageText } from './page-text.ts';

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

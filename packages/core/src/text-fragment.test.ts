import { describe, expect, it } from 'vitest';
import { textDirective, textFragmentUrl } from './text-fragment.ts';

describe('textFragmentUrl', () => {
  it('should name a quote that is unique in its context by itself', () => {
    expect(
      textFragmentUrl('https://news.example/a/bridge', {
        exact: 'Roterdam',
        prefix: 'engineers from ',
        suffix: ' will inspect the',
      }),
    ).toBe('https://news.example/a/bridge#:~:text=Roterdam');
  });

  it('should replace a fragment the page URL had', () => {
    expect(textFragmentUrl('https://news.example/a#top', { exact: 'x', prefix: '', suffix: '' })).toBe(
      'https://news.example/a#:~:text=x',
    );
  });

  it('should percent-encode spaces, commas, dashes, ampersands and non-ASCII letters', () => {
    expect(textDirective({ exact: 'Smith-Jones, & café', prefix: 'by ', suffix: ' said' })).toBe(
      'Smith%2DJones%2C%20%26%20caf%C3%A9',
    );
  });

  it('should add the nearest words as prefix and suffix when the quote is not unique in its context', () => {
    expect(
      textDirective({
        exact: 'the',
        prefix: 'He said that the bridge was closed and ',
        suffix: ' ferry ran all night long.',
      }),
    ).toBe('was%20closed%20and-,the,-ferry%20ran%20all');
  });

  it('should widen a selection that cuts a word to the whole word', () => {
    expect(textDirective({ exact: 'eh', prefix: 'and t', suffix: 'n the' })).toBe('tehn');
    expect(textDirective({ exact: 'Minks', prefix: 'in ', suffix: '. Then' })).toBe('Minks');
  });

  it('should name a long quote by its first and last words', () => {
    const exact =
      'The council approved the budget for the new swing bridge on Tuesday evening after a long debate about costs and delays';
    expect(textDirective({ exact, prefix: '', suffix: '' })).toBe(
      'The%20council%20approved%20the,about%20costs%20and%20delays',
    );
  });

  it('should collapse whitespace as the page renders it', () => {
    expect(textDirective({ exact: 'swing\n  bridge', prefix: '', suffix: '' })).toBe('swing%20bridge');
  });
});

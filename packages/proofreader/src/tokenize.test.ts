import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenize.ts';

const prose = (text: string) =>
  tokenize(text)
    .filter((word) => !word.skipped)
    .map((word) => word.text);

describe('tokenize', () => {
  it('keeps apostrophes and hyphens inside words', () => {
    expect(prose('Don’t pay the Tanner’s well-known fee.')).toEqual([
      'Don’t',
      'pay',
      'the',
      'Tanner’s',
      'well-known',
      'fee',
    ]);
  });

  it('skips URLs, addresses, domains, file names, code and words with digits', () => {
    const text =
      'See https://a.example/x, ops@example.com, example.com, x.js, `npm run`, the 5pm RV0901 ferry.';
    expect(prose(text)).toEqual(['See', 'the', 'ferry']);
  });

  it('splits a sentence run into the next, which is prose with a missing space', () => {
    expect(prose('the harbour.The bridge')).toEqual(['the', 'harbour', 'The', 'bridge']);
  });

  it('skips lines of code and Markdown code blocks', () => {
    const text = 'Intro line.\n{ "lat": 50.7, "lon": -1.8 }\n```\nconst foo = bar;\n```\nOutro line.';
    expect(prose(text)).toEqual(['Intro', 'line', 'Outro', 'line']);
  });

  it('tells sentence starts from names', () => {
    const words = tokenize('Then Daniel spoke. “Quiet,” said Jude.\nNext');
    expect(words.filter((word) => word.sentenceStart).map((word) => word.text)).toEqual([
      'Then',
      'Quiet',
      'Next',
    ]);
  });

  it('names the shape of each word', () => {
    expect(tokenize('river River NATO iPhone Jean-Pierre').map((word) => word.shape)).toEqual([
      'lower',
      'capitalised',
      'upper',
      'mixed',
      'capitalised',
    ]);
  });
});

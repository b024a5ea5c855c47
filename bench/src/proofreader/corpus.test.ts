import { describe, expect, it } from 'vitest';
import { proseOf, proseSentences } from './corpus.ts';

describe('proseOf', () => {
  it('should keep the words of Markdown and drop its code, links’ addresses and hashes', () => {
    const markdown = [
      '## [10.6.0](https://example.org/compare) (2026-11-15)',
      '',
      '* **smtp:** add `socketCloseTimeout` ([#1916](https://example.org/1916)) ([7f04d0b](https://example.org/c))',
      '```js',
      'const x = 1;',
      '```',
      'Thanks to @someone for the report.',
    ].join('\n');
    const prose = proseOf(markdown);
    expect(prose).toContain('smtp: add');
    expect(prose).toContain('Thanks to for the report.');
    expect(prose).not.toMatch(/socketCloseTimeout|https|7f04d0b|const x/);
  });
});

describe('proseSentences', () => {
  it('should split paragraphs into sentences and keep only running prose', () => {
    const text =
      'Home | News | Sport\nThe bridge opened on Monday after three years of work. Crowds lined both banks of the river to watch.\nShare this';
    expect(proseSentences(text)).toEqual([
      'The bridge opened on Monday after three years of work.',
      'Crowds lined both banks of the river to watch.',
    ]);
  });
});

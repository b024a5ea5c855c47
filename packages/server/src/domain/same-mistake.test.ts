import { describe, expect, it } from 'vitest';
import { isShortWrongForm, sameMistakeIn, sitemapUrls } from './same-mistake.ts';

describe('the same mistake elsewhere', () => {
  it('should look only for a short wrong form that differs from its correction', () => {
    expect(isShortWrongForm('Minks', 'Minsk')).toBe(true);
    expect(isShortWrongForm('in the the', 'in the')).toBe(true);
    expect(isShortWrongForm('one two three four', 'one two three')).toBe(false);
    expect(isShortWrongForm('x'.repeat(41), 'y')).toBe(false);
    expect(isShortWrongForm('Minsk', 'Minsk')).toBe(false);
  });

  it('should find a capitalised form as a whole word and in its case only', () => {
    const text = 'Trains to Minks, not Minksy or MINKS; Minks again.';
    expect(sameMistakeIn(text, 'Minks', 'Minsk').map((s) => text.slice(s.start, s.end))).toEqual([
      'Minks',
      'Minks',
    ]);
  });

  it('should find a lower-case form in any case, capitalising the correction where the page does', () => {
    const text = 'Teh bridge opens; teh road closes; tehran is elsewhere.';
    expect(sameMistakeIn(text, 'teh', 'the')).toEqual([
      { start: 0, end: 3, correction: 'The' },
      { start: 18, end: 21, correction: 'the' },
    ]);
  });

  it("should read a sitemap's pages on the site's origins only, normalised", () => {
    const xml = `<urlset><url><loc> https://news.example.org/a?utm_source=x </loc></url>
      <url><loc>https://elsewhere.example/b</loc></url><url><loc>https://news.example.org/c&amp;d</loc></url></urlset>`;
    expect(sitemapUrls(xml, ['https://news.example.org'])).toEqual([
      'https://news.example.org/a',
      'https://news.example.org/c&d',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  BUSY_ADDRESS_REPORTS,
  isUnrelatedSuggestion,
  RecentActivity,
  SAME_COMMENT_PAGES,
  SPAM_HOLD_SCORE,
  scoreReportText,
} from './spam-score.ts';

const quote = {
  exact: 'Roterdam',
  prefix: 'a marine engineering firm from ',
  suffix: ' that has restored two bridges',
};
const score = (changes: Partial<Parameters<typeof scoreReportText>[0]>) =>
  scoreReportText({ quote, suggestion: 'Rotterdam', comment: null, ...changes });

describe('scoreReportText', () => {
  it('finds nothing in the reports readers send', () => {
    for (const report of [
      {},
      { comment: 'Double t, and the firm is Dutch.' },
      { suggestion: 'Amsterdam' },
      { suggestion: 'a marine engineering firm from Rotterdam that restored two bridges' },
      {
        quote: { exact: 'htps://example.com/docs', prefix: 'see ', suffix: '' },
        suggestion: 'https://example.com/docs',
      },
      { comment: 'It was 1987, not 1978.' },
    ]) {
      expect(score(report)).toEqual({ score: 0, reasons: [] });
    }
  });

  it('holds a report whose hidden field was filled in, on that alone', () => {
    const verdict = score({ website: 'http://spam.example' });
    expect(verdict.score).toBeGreaterThanOrEqual(SPAM_HOLD_SCORE);
    expect(verdict.reasons).toEqual(['The hidden field that only robots fill in was filled in.']);
  });

  it('counts links and contact details, which alone do not hold a report, together they do', () => {
    const link = score({ comment: 'Great article! Visit cheap-watches.shop for deals' });
    expect(link.reasons).toEqual(['A link in the comment or suggestion.']);
    expect(link.score).toBeLessThan(SPAM_HOLD_SCORE);
    const contact = score({ comment: 'Call me on +44 20 7946 0958' });
    expect(contact.reasons).toEqual([
      'Contact details (an e-mail address, a phone number or a messenger) in the comment.',
    ]);
    expect(
      score({ comment: 'write to seo@cheap.example, see https://cheap.example' }).score,
    ).toBeGreaterThanOrEqual(SPAM_HOLD_SCORE);
  });

  it('says when a suggestion replaces the quote with unrelated text', () => {
    const verdict = score({
      suggestion: 'Buy cheap replica watches online today with free shipping worldwide',
    });
    expect(verdict.reasons).toEqual(['The suggestion replaces "Roterdam" with unrelated text.']);
  });
});

describe('isUnrelatedSuggestion', () => {
  it('leaves corrected words and rewritten sentences of the same words alone', () => {
    expect(isUnrelatedSuggestion(quote, 'Rotterdam')).toBe(false);
    expect(isUnrelatedSuggestion(quote, 'Paris')).toBe(false);
    expect(
      isUnrelatedSuggestion(quote, 'from Rotterdam, a marine engineering firm that has restored two bridges'),
    ).toBe(false);
    expect(isUnrelatedSuggestion(quote, 'Win an iPhone now by clicking the button below today')).toBe(true);
  });
});

describe('RecentActivity', () => {
  const at = Date.parse('2026-12-04T10:00:00Z');
  const observe = (activity: RecentActivity, changes: Partial<Parameters<RecentActivity['observe']>[0]>) =>
    activity.observe({
      siteId: 'demo',
      pageUrl: 'https://news.example/a',
      comment: null,
      addressHash: 'h1',
      at,
      ...changes,
    });

  it('holds the same comment once it is on several pages within minutes, and says how many', () => {
    const activity = new RecentActivity();
    const comment = 'Nice post, check my profile for more';
    const verdicts = Array.from({ length: 12 }, (_, n) =>
      observe(activity, {
        comment,
        pageUrl: `https://news.example/${n % 9}`,
        addressHash: `reader${n}`,
        at: at + n * 10_000,
      }),
    );
    expect(verdicts.slice(0, SAME_COMMENT_PAGES - 1).every((v) => v.score === 0)).toBe(true);
    const last = verdicts.at(-1);
    expect(last?.score).toBeGreaterThanOrEqual(SPAM_HOLD_SCORE);
    expect(last?.reasons).toEqual(['12 identical comments on 9 pages in 2 minutes.']);
  });

  it('does not count the same comment on one page, short comments, other sites or old ones', () => {
    const activity = new RecentActivity();
    for (let n = 0; n < 5; n++) {
      expect(observe(activity, { comment: 'The date is wrong here', addressHash: `r${n}` }).score).toBe(0);
      expect(
        observe(activity, { comment: 'typo', pageUrl: `https://news.example/${n}`, addressHash: `s${n}` })
          .score,
      ).toBe(0);
    }
    const later = new RecentActivity();
    for (let n = 0; n < 5; n++) {
      const verdict = observe(later, {
        comment: 'Please update this paragraph',
        siteId: `site${n}`,
        pageUrl: `https://news.example/${n}`,
        addressHash: `t${n}`,
      });
      expect(verdict.score).toBe(0);
    }
    const spread = new RecentActivity();
    for (let n = 0; n < 5; n++) {
      const verdict = observe(spread, {
        comment: 'Please update this paragraph',
        pageUrl: `https://news.example/${n}`,
        addressHash: `u${n}`,
        at: at + n * 11 * 60_000,
      });
      expect(verdict.score).toBe(0);
    }
  });

  it('notes a busy address without holding it on that alone', () => {
    const activity = new RecentActivity();
    const verdicts = Array.from({ length: BUSY_ADDRESS_REPORTS }, (_, n) =>
      observe(activity, { pageUrl: `https://news.example/${n}`, at: at + n * 1_000 }),
    );
    expect(verdicts.slice(0, -1).every((v) => v.score === 0)).toBe(true);
    const last = verdicts.at(-1);
    expect(last?.reasons).toEqual([`${BUSY_ADDRESS_REPORTS} reports from one address in 1 minute.`]);
    expect(last?.score).toBeLessThan(SPAM_HOLD_SCORE);
  });
});

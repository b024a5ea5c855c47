import { describe, expect, it } from 'vitest';
import { sentenceAround } from './sentence.ts';

describe('sentenceAround', () => {
  it('cuts the context to the sentence holding the quote', () => {
    expect(
      sentenceAround({ prefix: 'Rain fell. The mayor of ', exact: 'Minks', suffix: ' said no. Later on' }),
    ).toEqual({ before: 'The mayor of ', exact: 'Minks', after: ' said no.' });
  });

  it('keeps closing quotation marks with their sentence', () => {
    const cut = sentenceAround({ prefix: '“It is over.” She said ', exact: 'teh', suffix: ' end.” Then' });
    expect(cut.before).toBe('She said ');
    expect(cut.after).toBe(' end.”');
  });

  it('marks context cut mid-sentence with an ellipsis and never shows half a word', () => {
    // 64 characters of context each side, cut by the widget in the middle of words.
    const cut = sentenceAround({
      prefix: 'ld normally wander into the old town from the south side of the ',
      exact: 'harbour.The',
      suffix: ' council has promised to review business rates for the period, b',
    });
    expect(cut.before).toBe('…normally wander into the old town from the south side of the ');
    expect(cut.after).toBe(' council has promised to review business rates for the period…');
  });

  it('keeps short context whole', () => {
    expect(sentenceAround({ prefix: 'from ', exact: 'Roterdam', suffix: ' that' })).toEqual({
      before: 'from ',
      exact: 'Roterdam',
      after: ' that',
    });
  });
});

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

  it('marks context cut mid-sentence with an ellipsis', () => {
    const long = 'word '.repeat(13);
    const cut = sentenceAround({ prefix: long, exact: 'x', suffix: long });
    expect(cut.before.startsWith('…')).toBe(true);
    expect(cut.after.endsWith('…')).toBe(true);
  });
});

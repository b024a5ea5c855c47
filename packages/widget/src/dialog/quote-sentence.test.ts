import { describe, expect, it } from 'vitest';
import { sentenceOf } from './quote-sentence.ts';

describe('sentenceOf', () => {
  it('should cut the context down to the sentence around the quote', () => {
    expect(
      sentenceOf(
        { prefix: 'It rained. The mayor of ', exact: 'Minks', suffix: ' said no. Later, he left.' },
        'en',
      ),
    ).toEqual(['The mayor of ', ' said no.']);
  });

  it('should keep closing quotes with the sentence they end', () => {
    expect(
      sentenceOf({ prefix: '“It rained.” The mayor of ', exact: 'Minks', suffix: ' said “no.” Then' }, 'en'),
    ).toEqual(['The mayor of ', ' said “no.”']);
  });

  it('should show where a long context was cut, without a partial word', () => {
    const prefix = 'ouncil members who met on Tuesday evening argued for hours about the ';
    const suffix = ' of the riverside flood defences and the pumping station near the mil';
    expect(prefix.length).toBeGreaterThanOrEqual(64);
    expect(sentenceOf({ prefix, exact: 'cost', suffix }, 'en')).toEqual([
      '…members who met on Tuesday evening argued for hours about the ',
      ' of the riverside flood defences and the pumping station near the…',
    ]);
  });

  it('should keep a short context whole: it is the start or end of the text', () => {
    expect(sentenceOf({ prefix: 'The ', exact: 'mayr', suffix: ' left' }, 'en')).toEqual(['The ', ' left']);
  });
});

import { describe, expect, it } from 'vitest';
import { describeRange } from '../quote.ts';
import { isSameSpot } from './same-spot.ts';

const text =
  'Rain fell all day. The mayor of Minks said no to teh new bridge, and the council agreed. Later, the vote was held in Minks again.';

function spot(words: string, from = 0, page = text) {
  const start = page.indexOf(words, from);
  const described = describeRange(page, start, start + words.length);
  if (!described) throw new Error(words);
  return described;
}

describe('isSameSpot', () => {
  it('joins readers who selected more or less of the same mistake', () => {
    expect(isSameSpot(spot('Minks'), spot('of Minks said'))).toBe(true);
    expect(isSameSpot(spot('of Minks said'), spot('Minks'))).toBe(true);
  });

  it('keeps two mistakes in one sentence apart', () => {
    expect(isSameSpot(spot('Minks'), spot('teh'))).toBe(false);
  });

  it('keeps the same word at another place apart', () => {
    expect(isSameSpot(spot('Minks'), spot('Minks', text.indexOf('held')))).toBe(false);
  });

  it('joins a report made after text was added above the spot', () => {
    const later = `Update: a new first paragraph. ${text}`;
    expect(isSameSpot(spot('Minks'), spot('mayor of Minks', 0, later))).toBe(true);
  });
});

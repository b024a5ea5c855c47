import { describe, expect, it } from 'vitest';
import { parseInstantFrom } from './email-preferences.ts';

describe('parseInstantFrom', () => {
  it('should read a whole number of reports', () => {
    expect(parseInstantFrom(' 3 ')).toEqual({ value: 3 });
  });

  it('should explain an empty field', () => {
    expect(parseInstantFrom('')).toEqual({ error: 'Enter the report number, e.g. 1 for every new erratum.' });
  });

  it.each(['0', '-2', '2.5', 'three', '1001'])('should refuse %s with the allowed range', (text) => {
    expect(parseInstantFrom(text)).toEqual({ error: 'Enter a whole number from 1 to 1000.' });
  });
});

import { describe, expect, it } from 'vitest';
import { reportedBy } from '../testing/findings.ts';

describe('punctuation-spacing', () => {
  it('reports a sentence run into the next', async () => {
    expect(await reportedBy('punctuation-spacing', 'Work began on the harbour.The bridge closed.')).toEqual([
      'harbour.The → harbour. The',
    ]);
  });

  it('leaves abbreviations, initials, domains, file names and numbers alone', async () => {
    const text =
      'The U.S. team, e.g. J.R.R. Tolkien, used Node.js on example.com and config.Local at 3.14 pm.';
    expect(await reportedBy('punctuation-spacing', text)).toEqual([]);
  });

  it('reports a space before a comma or full stop', async () => {
    expect(await reportedBy('punctuation-spacing', 'The fee is low , and stays low .')).toEqual([
      'low , → low,',
      'low . → low.',
    ]);
  });

  it('accepts the French space before ; : ! ?', async () => {
    expect(
      await reportedBy('punctuation-spacing', 'Il a dit : « Bonjour » ! Vraiment ? Oui ; bien sûr.', 'fr'),
    ).toEqual([]);
  });

  it('reports doubled marks but not an ellipsis or ?!', async () => {
    expect(await reportedBy('punctuation-spacing', 'Wait,, he said.. Really?! Well... Fine!!')).toEqual([
      ',, → ,',
      '.. → .',
    ]);
  });
});

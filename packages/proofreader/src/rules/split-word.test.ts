import { describe, expect, it } from 'vitest';
import { reported, reportedBy } from '../testing/findings.ts';

describe('split-word', () => {
  it('reports a word run into a short function word', async () => {
    expect(await reportedBy('split-word', 'The market opened earlier theyear before.')).toEqual([
      'theyear → the year',
    ]);
    expect(await reportedBy('split-word', 'They queued inorder to vote.')).toEqual(['inorder → in order']);
  });

  it('puts the word Hunspell ranks above the two words first', async () => {
    const [finding] = await reported('The intension was clear.', { lang: 'en' });
    expect(finding).toMatchObject({
      rule: 'split-word',
      message: '“intension” may be “intention”, or “in tension” without its space.',
    });
    expect(finding!.suggestions.slice(0, 2)).toEqual(['intention', 'in tension']);
    expect(await reportedBy('split-word', 'They met ofcourse at noon.')).toEqual(['ofcourse → of course']);
  });

  it('leaves closed compounds to the spelling rule, below the threshold', async () => {
    expect(await reportedBy('split-word', 'Check the filename and the lifecycle.')).toEqual([]);
  });

  it('does not take a misspelling for two words', async () => {
    expect(await reportedBy('split-word', 'Applied the new formating rules.')).toEqual([]);
  });

  it('does not split German compounds', async () => {
    expect(await reportedBy('split-word', 'Die Hafenbrückeneröffnung war gestern.', 'de')).toEqual([]);
  });
});

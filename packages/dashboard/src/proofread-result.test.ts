import { describe, expect, it } from 'vitest';
import { proofreadRefusal, proofreadSummary, waitWords } from './proofread-result.ts';

describe('proofreadSummary', () => {
  it('counts the findings and the new errata', () => {
    expect(proofreadSummary({ findings: 3, created: 2 })).toBe('Proofread: 3 findings, 2 new errata.');
    expect(proofreadSummary({ findings: 1, created: 1 })).toBe('Proofread: 1 finding, 1 new erratum.');
  });

  it('says when the findings are all in the inbox already, or there are none', () => {
    expect(proofreadSummary({ findings: 2, created: 0 })).toBe('Proofread: 2 findings, no new errata.');
    expect(proofreadSummary({ findings: 0, created: 0 })).toBe('Proofread: no findings.');
  });
});

describe('waitWords', () => {
  it('says seconds under a minute and whole minutes, rounded up, after', () => {
    expect(waitWords(1)).toBe('1 second');
    expect(waitWords(45)).toBe('45 seconds');
    expect(waitWords(60)).toBe('1 minute');
    expect(waitWords(125)).toBe('3 minutes');
  });
});

describe('proofreadRefusal', () => {
  it('adds when to try again to a 429 that does not say it', () => {
    expect(
      proofreadRefusal({ status: 429, message: 'This site proofread 10 pages this hour', retryAfterS: 1200 }),
    ).toBe('This site proofread 10 pages this hour. Try again in 20 minutes.');
  });

  it("keeps the server's sentence when it says when already, or for any other refusal", () => {
    const said = 'Too many proofreads: try again in 12 minutes.';
    expect(proofreadRefusal({ status: 429, message: said, retryAfterS: 700 })).toBe(said);
    expect(proofreadRefusal({ status: 429, message: 'Too many.', retryAfterS: null })).toBe('Too many.');
    expect(proofreadRefusal({ status: 502, message: 'The page could not be fetched.', retryAfterS: 5 })).toBe(
      'The page could not be fetched.',
    );
  });
});

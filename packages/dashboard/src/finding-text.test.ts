import { describe, expect, it } from 'vitest';
import { anErratum } from './erratum-fixture.ts';
import {
  confidenceWords,
  findingSuggestions,
  isProofread,
  rejectHint,
  ruleWords,
  wordTaughtBy,
} from './finding-text.ts';

const finding = (rule: string) => ({ rule, message: 'm', suggestions: ['Rotterdam'], confidence: 0.9 });
const proofread = (rule: string, exact = 'Roterdam') =>
  anErratum({
    source: 'proofreader',
    reports: 0,
    finding: finding(rule),
    quote: { exact, prefix: 'in ', suffix: ' port' },
  });

describe('ruleWords', () => {
  it('names each rule in words, the same-mistake proposal too', () => {
    expect(ruleWords('spelling')).toBe('spelling');
    expect(ruleWords('split-word')).toBe('split word');
    expect(ruleWords('same-mistake')).toBe('same mistake');
  });

  it('reads a rule it does not know without its hyphens', () => {
    expect(ruleWords('capital-after-full-stop')).toBe('capital after full stop');
  });
});

describe('confidenceWords', () => {
  it('says very likely, likely or possibly', () => {
    expect(confidenceWords(1)).toBe('very likely');
    expect(confidenceWords(0.9)).toBe('very likely');
    expect(confidenceWords(0.75)).toBe('likely');
    expect(confidenceWords(0.4)).toBe('possibly');
  });
});

describe('wordTaughtBy', () => {
  it('is the quoted word of a spelling, consistency or split-word finding', () => {
    expect(wordTaughtBy(proofread('spelling'))).toBe('Roterdam');
    expect(wordTaughtBy(proofread('consistency', ' Belarusan '))).toBe('Belarusan');
    expect(wordTaughtBy(proofread('split-word', 'alot'))).toBe('alot');
  });

  it('is null for rules that teach no word and for readers’ errata', () => {
    expect(wordTaughtBy(proofread('repeated-word', 'the the'))).toBeNull();
    expect(wordTaughtBy(proofread('quotation-marks', '“electric“'))).toBeNull();
    expect(wordTaughtBy(proofread('same-mistake'))).toBeNull();
    expect(wordTaughtBy(anErratum({ quote: { exact: 'Roterdam', prefix: '', suffix: '' } }))).toBeNull();
  });

  it('is null for a quote longer than a site word may be', () => {
    expect(wordTaughtBy(proofread('spelling', 'x'.repeat(65)))).toBeNull();
  });

  it('says so beside "Not a mistake"', () => {
    expect(rejectHint('Roterdam')).toContain("adds “Roterdam” to the site's words");
  });
});

describe('isProofread', () => {
  it('tells the proofreader’s errata from the readers’', () => {
    expect(isProofread(proofread('spelling'))).toBe(true);
    expect(isProofread(anErratum())).toBe(false);
  });
});

describe('findingSuggestions', () => {
  it('leaves out what a reader suggested already', () => {
    expect(findingSuggestions(finding('spelling'), [{ text: 'Rotterdam ' }])).toEqual([]);
    expect(findingSuggestions(finding('spelling'), [{ text: 'Roterdamm' }])).toEqual(['Rotterdam']);
    expect(findingSuggestions(null, [])).toEqual([]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from './check.ts';
import { PROOFREADER_RULES, SUPPORTED_LANGUAGES } from './index.ts';

describe('check', () => {
  it('gives offsets in UTF-16 code units, past emoji and astral letters', async () => {
    const text = '😀 Emoji and 𝒳 come first, then a mispelled word.';
    const [finding] = await check(text, { lang: 'en' });
    expect(finding).toMatchObject({ text: 'mispelled', start: text.indexOf('mispelled') });
    expect(text.slice(finding!.start, finding!.end)).toBe('mispelled');
  });

  it('sorts findings by where they start', async () => {
    const text = 'Work on the the harbour.The crew will recieve a »bonus«.';
    const findings = await check(text, { lang: 'en' });
    expect(findings.map((finding) => finding.rule)).toEqual([
      'repeated-word',
      'punctuation-spacing',
      'spelling',
      'quotation-marks',
    ]);
  });

  it('reports two mistakes in the same words, one word finding per word', async () => {
    const findings = await check('The harbuor , and Roterdam.', { lang: 'en' });
    expect(findings.map((finding) => [finding.rule, finding.text])).toEqual([
      ['spelling', 'harbuor'],
      ['punctuation-spacing', 'harbuor ,'],
      ['consistency', 'Roterdam'],
    ]);
  });

  it('runs the language-independent rules for a language without a dictionary, and never throws', async () => {
    const findings = await check('Dat is is een „proef”, zegt hij.. Klaar.', { lang: 'nl-BE' });
    expect(findings.map((finding) => finding.rule).sort()).toEqual(['punctuation-spacing', 'repeated-word']);
    await expect(check('whatever', { lang: '' })).resolves.toEqual([]);
  });

  it('reads the primary subtag of the language tag', async () => {
    expect(await check('The harbour is big.', { lang: 'en-GB' })).toEqual([]);
    expect((await check('Le pont est ouvret.', { lang: 'FR-ca' }))[0]?.text).toBe('ouvret');
  });

  it('exports the ten languages and the six rules', () => {
    expect(SUPPORTED_LANGUAGES).toEqual(['en', 'ru', 'uk', 'de', 'fr', 'es', 'pl', 'cs', 'it', 'pt']);
    expect(PROOFREADER_RULES).toHaveLength(6);
  });

  it('returns findings whose text is the text at their offsets, for any input', async () => {
    const pieces = fc.constantFrom(
      'the',
      'the the',
      'Roterdam',
      'Rotterdam',
      'harbour.The',
      '“',
      '”',
      '„',
      '«',
      '»',
      ' ',
      '\n',
      ',',
      ',,',
      '.',
      '😀',
      'recieve',
      'e.g.',
      'Node.js',
      'ünïcödé',
      'ß',
      '\u00ad',
      'x-y',
      '’',
      "'",
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(pieces, { maxLength: 40 }),
        fc.constantFrom('en', 'de', 'ru', 'xx'),
        async (parts, lang) => {
          const text = parts.join(' ');
          const findings = await check(text, { lang });
          for (const finding of findings) {
            expect(text.slice(finding.start, finding.end)).toBe(finding.text);
            expect(finding.confidence).toBeGreaterThan(0);
            expect(finding.confidence).toBeLessThanOrEqual(1);
          }
          const starts = findings.map((finding) => finding.start);
          expect(starts).toEqual([...starts].sort((a, b) => a - b));
        },
      ),
      { numRuns: 60 },
    );
  });
});

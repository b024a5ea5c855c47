import { describe, expect, it } from 'vitest';
import { check } from '../check.ts';
import { reported, reportedBy } from '../testing/findings.ts';
import { PRODUCT_CONFIDENCE_THRESHOLD } from '../threshold.ts';

describe('spelling', () => {
  it('reports a misspelt word with the right word first among its suggestions', async () => {
    const findings = await reported('The council will recieve the petition on Monday.', { lang: 'en' });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      text: 'recieve',
      rule: 'spelling',
      message: '“recieve” is not in the English dictionary.',
    });
    expect(findings[0]!.suggestions[0]).toBe('receive');
  });

  it('reports a swapped short word such as "teh"', async () => {
    expect(await reportedBy('spelling', 'She left teh keys on the table.')).toEqual(['teh → the']);
  });

  it('reports a slip of a common word opening a sentence, which is no name', async () => {
    expect(await reportedBy('spelling', 'Teh market opened at noon.')).toEqual(['Teh → The']);
  });

  it('reports a long word opening a sentence one slip from a word, which is no name', async () => {
    expect(await reportedBy('spelling', 'Negotations began at noon.')).toEqual([
      'Negotations → Negotiations',
    ]);
  });

  it('reports an e kept before -ing, which is no derivation', async () => {
    expect(await reportedBy('spelling', 'The hikeing trail is long.')).toEqual(['hikeing → hiking']);
  });

  it('gives findings below the threshold suggestions too', async () => {
    const findings = await check('Harbur views are fine.', { lang: 'en' });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.confidence).toBeLessThan(PRODUCT_CONFIDENCE_THRESHOLD);
    expect(findings[0]!.suggestions[0]).toBe('Harbor');
  });

  it('keeps a long word in capitals below the threshold, with suggestions', async () => {
    const findings = await check('THE COMMITEE MET ON FRIDAY.', { lang: 'en' });
    expect(findings.map((finding) => [finding.text, finding.suggestions[0]])).toEqual([
      ['COMMITEE', 'COMMITTEE'],
    ]);
    expect(findings[0]!.confidence).toBeLessThan(PRODUCT_CONFIDENCE_THRESHOLD);
  });

  it('reports a common word with two slips', async () => {
    expect(await reportedBy('spelling', 'People htikn it is safe.')).toEqual(['htikn → think']);
  });

  it('keeps a passage in another language below the threshold', async () => {
    const text =
      'The placeholder read:\nLorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.';
    expect(await reported(text, { lang: 'en' })).toEqual([]);
  });

  it('accepts British spellings in English text', async () => {
    const text =
      'The organisers of the harbour festival apologised for the colour of the centre’s programme.';
    expect(await reported(text, { lang: 'en-GB' })).toEqual([]);
  });

  it('checks British English with the British dictionary: British and Oxford spellings pass, American ones are reported', async () => {
    const british =
      'The organisers of the harbour festival apologised for the colour of the centre’s programme.';
    const oxford = 'The organization’s realized plans were recognized by the travelling analysts.';
    for (const lang of ['en-GB', 'en-AU', 'en-NZ', 'en-IE', 'en-ZA']) {
      expect(await reported(british, { lang }), lang).toEqual([]);
      expect(await reported(oxford, { lang }), lang).toEqual([]);
    }
    const slip = 'The committee met in the new arts center on Friday to discuss the banners.';
    expect(await reportedBy('spelling', slip, 'en-GB')).toEqual(['center → centre']);
    expect(await reportedBy('spelling', slip, 'en')).toEqual([]);
    // A passage written the American way throughout is a quotation: it stays below the threshold.
    const findings = await check('The color of the theater center was analyzed.', { lang: 'en-GB' });
    expect(findings.map((finding) => finding.text)).toEqual(['color', 'theater', 'center', 'analyzed']);
    expect(findings.every((finding) => finding.confidence < PRODUCT_CONFIDENCE_THRESHOLD)).toBe(true);
    expect(findings[0]!.suggestions[0]).toBe('colour');
  });

  it('accepts both British and American spellings in plain or American English', async () => {
    const british =
      'The organisers of the harbour festival apologised for the colour of the centre’s programme.';
    const american = 'The color of the theater center was analyzed by the organizers.';
    for (const lang of ['en', 'en-US']) {
      expect(await reported(british, { lang }), lang).toEqual([]);
      expect(await reported(american, { lang }), lang).toEqual([]);
    }
  });

  it('accepts loanwords written with their accents', async () => {
    expect(await reported('We met at the café to discuss the façade.', { lang: 'en' })).toEqual([]);
  });

  it('keeps unknown names below the threshold, however many there are', async () => {
    const text = 'Priya Desai and Samir Haddad met Okafor in the square with Rui Fonseca.';
    const findings = await check(text, { lang: 'en' });
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((finding) => finding.confidence < PRODUCT_CONFIDENCE_THRESHOLD)).toBe(true);
  });

  it('never flags a word the site knows, nor its possessive', async () => {
    const text = 'The kelewele stall belongs to Okafor; Okafor’s cousin runs it.';
    const findings = await check(text, { lang: 'en', knownWords: ['kelewele', 'Okafor'] });
    expect(findings).toEqual([]);
  });

  it('skips URLs, addresses, file names, acronyms, product names and words with digits', async () => {
    const text =
      'Email desk@example.com or see https://example.com/pages/a-b, config.yaml, NATO, iPhone, JavaScript and RV0901.';
    expect(await check(text, { lang: 'en' })).toEqual([]);
  });

  it('keeps closed compounds and derivations below the threshold', async () => {
    const text = 'The filename and the lifecycle of a retrigger are configurable.';
    expect(await reported(text, { lang: 'en' })).toEqual([]);
  });

  it('checks each part of a hyphenated word', async () => {
    const findings = await check('A well-knwon name.', { lang: 'en' });
    expect(findings.map((finding) => [finding.text, finding.start, finding.suggestions[0]])).toEqual([
      ['knwon', 7, 'known'],
    ]);
    const possessive = await check('The comittee’s report was late.', { lang: 'en' });
    expect(possessive.map((finding) => [finding.text, finding.suggestions[0]])).toEqual([
      ['comittee', 'committee'],
    ]);
  });

  it('skips words written in another script', async () => {
    expect(await check('Он сказал: hello, Dienstag и Minsk.', { lang: 'ru' })).toEqual([]);
  });

  it('reports a misspelling in Russian with the Russian dictionary', async () => {
    const findings = await reported('Мы получили писмо из редакции.', { lang: 'ru' });
    expect(findings.map((finding) => [finding.text, finding.suggestions[0]])).toEqual([['писмо', 'письмо']]);
    expect(findings[0]!.message).toBe('“писмо” is not in the Russian dictionary.');
  });
});

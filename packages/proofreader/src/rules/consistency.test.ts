import { describe, expect, it } from 'vitest';
import { check } from '../check.ts';
import { reported, reportedBy } from '../testing/findings.ts';
import { isInflection } from './consistency.ts';

describe('consistency', () => {
  it('reports a rare spelling of a name the text uses three times', async () => {
    const text =
      'Rotterdam opened its new bridge. The mayor of Rotterdam spoke first. Ships from Roterdam ' +
      'and from Rotterdam sounded their horns.';
    const findings = await reported(text, { lang: 'en' });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      text: 'Roterdam',
      rule: 'consistency',
      suggestions: ['Rotterdam'],
      message: '“Roterdam” here, “Rotterdam” 3 times elsewhere in this text.',
    });
  });

  it('counts two swapped letters as one edit, even when the result is a dictionary word', async () => {
    const text = 'Minsk is busy. Trams cross Minsk all night. Minsk sleeps late. In Minks the mayor spoke.';
    expect(await reportedBy('consistency', text)).toEqual(['Minks → Minsk']);
  });

  it('reports a nationality spelt two ways', async () => {
    const text =
      'The Belarusian team met the Belarusian coach and a Belarussian fan, said the Belarusian press.';
    expect(await reportedBy('consistency', text)).toEqual(['Belarussian → Belarusian']);
  });

  it('reports a misspelt well-known place the text names only once', async () => {
    expect(await reportedBy('consistency', 'The sisters learned their trade in Gothenberg.')).toEqual([
      'Gothenberg → Gothenburg',
    ]);
    expect(await reportedBy('consistency', 'The archive moved from Edinburough last year.')).toEqual([
      'Edinburough → Edinburgh',
    ]);
  });

  it('trusts a common word the text capitalises as a name', async () => {
    const text =
      'She shops at Whole Foods. Her son works at Whole Foods too. The Wohle Foods store on West Street closed.';
    expect(await reportedBy('consistency', text)).toEqual(['Wohle → Whole']);
  });

  it('takes a well-known place as right, possessive included', async () => {
    expect(await check('Gothenburg’s harbour and Gothenburg itself.', { lang: 'en' })).toEqual([]);
  });

  it('uses the names the site knows', async () => {
    const findings = await reported('The Ossei family sold bread.', { lang: 'en', knownWords: ['Osei'] });
    expect(findings.map((finding) => [finding.text, finding.suggestions[0]])).toEqual([['Ossei', 'Osei']]);
  });

  it('does not take possessives, plurals or case endings for other spellings', async () => {
    const english = 'Obama spoke. Obama left. Obama returned. The Obamas waved; Obama’s dog barked.';
    expect(await reported(english, { lang: 'en' })).toEqual([]);
    const russian = 'Мэр Минска сказал, что мост откроют. В Минске дождь. Минск большой. Жители Минску рады.';
    expect(await reported(russian, { lang: 'ru' })).toEqual([]);
  });

  it('reports a misspelt inflected name in Russian', async () => {
    const text =
      'Мэр Минска сказал, что мост откроют. В Минске идёт дождь. Минск большой. Жители Минкса недовольны.';
    expect(await reportedBy('consistency', text, 'ru')).toEqual(['Минкса → Минска']);
  });

  it('does not trust a dictionary name for a person’s name beside another name', async () => {
    expect(await reported('Jonathon Smith and Kathryn Jones met the board.', { lang: 'en' })).toEqual([]);
  });

  it('ignores acronyms and product names', async () => {
    const text =
      'NATO met. NATO agreed. NATO left. NAT0 and NATOs. JavaScript, JavaScript, JavaScript, JavaScipt.';
    expect(await reportedBy('consistency', text)).toEqual([]);
  });
});

describe('isInflection', () => {
  it('tells endings from misspellings', () => {
    expect(isInflection('Obamas', 'Obama', 'en')).toBe(true);
    expect(isInflection('Минска', 'Минске', 'ru')).toBe(true);
    expect(isInflection('Roterdam', 'Rotterdam', 'en')).toBe(false);
    expect(isInflection('Minks', 'Minsk', 'en')).toBe(false);
  });
});

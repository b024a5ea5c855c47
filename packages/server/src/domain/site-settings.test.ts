import { describe, expect, it } from 'vitest';
import { checkCmsLinkTemplate, checkDesks, checkLanguageTag, checkRootSelector } from './site-settings.ts';

describe('site settings checks', () => {
  it('should bring language tags to their canonical case and refuse what is not one', () => {
    expect(checkLanguageTag('pt-br')).toBe('pt-BR');
    expect(checkLanguageTag('EN')).toBe('en');
    expect(checkLanguageTag('  ')).toBeNull();
    expect(() => checkLanguageTag('english')).toThrow('must be a language tag such as en, de or pt-BR');
    expect(() => checkLanguageTag('en_US')).toThrow('must be a language tag');
  });

  it('should accept only root selectors the server can evaluate too', () => {
    expect(checkRootSelector(' main .article-body ')).toBe('main .article-body');
    expect(checkRootSelector('')).toBeNull();
    expect(() => checkRootSelector('p:first-child')).toThrow('is not a selector Errata understands');
  });

  it('should accept http(s) CMS templates with the known placeholders only', () => {
    const template = 'https://cms.example.org/find?path={path}&erratum={id}';
    expect(checkCmsLinkTemplate(template)).toBe(template);
    expect(() => checkCmsLinkTemplate('{url}')).toThrow('must be an http(s) address');
    expect(() => checkCmsLinkTemplate('javascript:alert(1)')).toThrow('must be an http(s) address');
    expect(() => checkCmsLinkTemplate('https://cms.example.org/{slug}')).toThrow(
      '{slug} is not a placeholder',
    );
    expect(checkCmsLinkTemplate(null)).toBeNull();
  });

  it('should keep desks of known report kinds, dropping empty names', () => {
    expect(JSON.parse(checkDesks({ factual: ' Standards ', typo: '' }))).toEqual({ factual: 'Standards' });
    expect(() => checkDesks({ horoscope: 'Stars' })).toThrow('"horoscope" is not a report kind');
  });
});

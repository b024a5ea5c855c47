import { describe, expect, it } from 'vitest';
import { dictionaryFor, loadDictionary } from './dictionary.ts';
import { dictionaryId } from './languages.ts';

describe('dictionaries', () => {
  it('leaves the process’s error listeners as they were after loading Hunspell', async () => {
    const uncaught = process.listeners('uncaughtException');
    const unhandled = process.listeners('unhandledRejection');
    await loadDictionary('en');
    expect(process.listeners('uncaughtException')).toEqual(uncaught);
    expect(process.listeners('unhandledRejection')).toEqual(unhandled);
  });

  it('loads a language once, however many checks ask for it at the same time', async () => {
    const [first, second] = [dictionaryFor('pl'), dictionaryFor('pl')];
    expect(first).toBe(second);
    const dictionary = await first;
    expect(dictionary.accepts('wczoraj')).toBe(true);
    expect(dictionary.accepts('wczorej')).toBe(false);
  });

  it('loads the British dictionary for British and Commonwealth English, the American one otherwise', async () => {
    expect(dictionaryId('en-GB')).toBe('en-GB');
    expect(dictionaryId('en_AU')).toBe('en-GB');
    expect(dictionaryId('en-Latn-NZ')).toBe('en-GB');
    expect(dictionaryId('en')).toBe('en');
    expect(dictionaryId('en-US')).toBe('en');
    expect(dictionaryId('de-AT')).toBe('de');
    expect(dictionaryId('tlh')).toBeUndefined();
    const british = await dictionaryFor('en-GB');
    expect(british.lang).toBe('en');
    expect(british.accepts('colour')).toBe(true);
    expect(british.accepts('color')).toBe(false);
    expect(await dictionaryFor('en-GB')).not.toBe(await dictionaryFor('en'));
  });

  it('resolves at once for a language it has no dictionary for', async () => {
    await expect(loadDictionary('tlh')).resolves.toBeUndefined();
  });

  it('knows every supported language', async () => {
    const words = {
      en: 'bridge',
      ru: 'мост',
      uk: 'міст',
      de: 'Brücke',
      fr: 'pont',
      es: 'puente',
      pl: 'most',
      cs: 'most',
      it: 'ponte',
      pt: 'ponte',
    };
    for (const [lang, word] of Object.entries(words)) {
      const dictionary = await dictionaryFor(lang as keyof typeof words);
      expect(dictionary.accepts(word), `${lang}: ${word}`).toBe(true);
    }
  });
});

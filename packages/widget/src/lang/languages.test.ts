import { readdirSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ErrataLanguage, ErrataStrings } from '../../errata.d.ts';
import en from './en.ts';

/** Every language file in this folder, by code. */
const codes = readdirSync(import.meta.dirname)
  .map((file) => /^([a-z]{2,3})\.ts$/.exec(file)?.[1])
  .filter((code): code is string => code !== undefined)
  .sort();
const languages = Object.fromEntries(
  await Promise.all(
    codes.map(async (code) => [code, ((await import(`./${code}.ts`)) as { default: ErrataStrings }).default]),
  ),
) as Record<string, ErrataStrings>;

/** The languages the issue asks for; the published ErrataLanguage type must list the same. */
const REQUIRED: ErrataLanguage[] = ['ar', 'be', 'cs', 'de', 'en', 'es', 'fr', 'it', 'pl', 'pt', 'ru', 'uk'];

describe('languages', () => {
  it('should have a file for every language the widget promises', () => {
    expect(codes).toEqual(REQUIRED);
    expectTypeOf<ErrataLanguage>().toEqualTypeOf<(typeof REQUIRED)[number]>();
  });

  it.each(codes)('%s should have every string English has, and no other', (code) => {
    expect(Object.keys(languages[code] as ErrataStrings).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(codes)('%s should have no empty string and keep the {max} and {quote} placeholders', (code) => {
    const strings = languages[code] as ErrataStrings;
    for (const [key, value] of Object.entries(strings)) expect(value.trim(), key).not.toBe('');
    expect(strings.tooLong).toContain('{max}');
    expect(strings.corrected).toContain('{quote}');
    for (const [key, value] of Object.entries(strings)) {
      if (key !== 'tooLong' && key !== 'corrected') expect(value, key).not.toContain('{');
    }
  });

  it.each(codes.filter((code) => code !== 'en'))(
    '%s should be translated, not English left in place',
    (code) => {
      const strings = languages[code] as ErrataStrings;
      const same = (Object.keys(en) as (keyof ErrataStrings)[]).filter((key) => strings[key] === en[key]);
      // Short words may coincide ("Optional" in German, "Correction" in French); sentences may not.
      expect(same.filter((key) => (en[key] ?? '').includes(' '))).toEqual([]);
    },
  );
});

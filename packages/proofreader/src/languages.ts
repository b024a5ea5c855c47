/** The languages with a Hunspell dictionary bundled; others get the language-independent rules. */
export const SUPPORTED_LANGUAGES = ['en', 'ru', 'uk', 'de', 'fr', 'es', 'pl', 'cs', 'it', 'pt'] as const;
export type SupportedLanguage = (typeof SUPPORTED_LANGUAGES)[number];

/** The language's name as an editor reads it in a finding's message. */
export const LANGUAGE_NAMES: Record<SupportedLanguage, string> = {
  en: 'English',
  ru: 'Russian',
  uk: 'Ukrainian',
  de: 'German',
  fr: 'French',
  es: 'Spanish',
  pl: 'Polish',
  cs: 'Czech',
  it: 'Italian',
  pt: 'Portuguese',
};

/** The script the language's words are written in; a word in another script is not checked. */
export type Script = 'latin' | 'cyrillic';

export const LANGUAGE_SCRIPTS: Record<SupportedLanguage, Script> = {
  en: 'latin',
  ru: 'cyrillic',
  uk: 'cyrillic',
  de: 'latin',
  fr: 'latin',
  es: 'latin',
  pl: 'latin',
  cs: 'latin',
  it: 'latin',
  pt: 'latin',
};

/**
 * A dictionary: one per supported language, and British English beside the American one.
 * `en-GB` serves the Commonwealth regions, which spell the British way.
 */
export type DictionaryId = SupportedLanguage | 'en-GB';

/** Regions whose English is spelt the British way ("colour", "organise", "centre"). */
const BRITISH_REGIONS = new Set(['gb', 'uk', 'au', 'nz', 'ie', 'za']);

/**
 * The dictionary a BCP 47 tag picks: "en-GB", "en-AU", "en-NZ", "en-IE", "en-ZA" the British
 * one; plain "en", "en-US" and any other region the American one (which retries British forms).
 */
export function dictionaryId(tag: string): DictionaryId | undefined {
  const primary = primaryLanguage(tag);
  if (!isSupportedLanguage(primary)) return undefined;
  const region = tag
    .split(/[-_]/)
    .slice(1)
    .find((subtag) => /^[a-z]{2}$/i.test(subtag))
    ?.toLowerCase();
  return primary === 'en' && region && BRITISH_REGIONS.has(region) ? 'en-GB' : primary;
}

/** "en-GB" → "en"; lower-cased primary subtag of a BCP 47 tag. */
export function primaryLanguage(tag: string): string {
  return (tag.split(/[-_]/)[0] ?? '').toLowerCase();
}

export function isSupportedLanguage(lang: string): lang is SupportedLanguage {
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(lang);
}

const LATIN = /^[\p{Script=Latin}\p{M}'’-]+$/u;
const CYRILLIC = /^[\p{Script=Cyrillic}\p{M}'’-]+$/u;

/** Whether every letter of `word` belongs to `script`. */
export function isWrittenIn(word: string, script: Script): boolean {
  return (script === 'latin' ? LATIN : CYRILLIC).test(word);
}

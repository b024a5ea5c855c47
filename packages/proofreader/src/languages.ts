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

import type { ErrataLanguage, ErrataStrings } from '../../errata.d.ts';

/** Languages written right to left: their dialog gets dir="rtl". */
const RIGHT_TO_LEFT = new Set(['ar']);

/** The direction of a language's text. */
export function directionOf(lang: string): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(lang) ? 'rtl' : 'ltr';
}

/**
 * The strings the reader sees: the language file's, under the site's own from
 * `window.ErrataConfig.strings[lang]` (only string values count).
 */
export function stringsFor(lang: string, translated: ErrataStrings): ErrataStrings {
  const strings: ErrataStrings = { ...translated };
  const own: Record<string, unknown> = window.ErrataConfig?.strings?.[lang as ErrataLanguage] ?? {};
  for (const key in own) {
    const value = own[key];
    if (typeof value === 'string') strings[key as keyof ErrataStrings] = value;
  }
  return strings;
}

import type { ErrataLanguage, ErrataStrings } from '../../errata.d.ts';

/** Languages written right to left: their dialog gets dir="rtl". */
const RIGHT_TO_LEFT = new Set(['ar']);

/** The direction of a language's text. */
export function directionOf(lang: string): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(lang) ? 'rtl' : 'ltr';
}

/**
 * The strings the reader sees: the language file's, under the site's own from
 * `window.ErrataConfig.strings[lang]` (typed in errata.d.ts; a site that sets other values gets what it set).
 */
export function stringsFor(lang: string, translated: ErrataStrings): ErrataStrings {
  return { ...translated, ...window.ErrataConfig?.strings?.[lang as ErrataLanguage] };
}

import type { ErrataLanguage, ErrataStrings } from '../../errata.d.ts';

/** The direction of a language's text: of the languages the widget speaks, Arabic is written right to left. */
export function directionOf(lang: string): 'ltr' | 'rtl' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

/**
 * The strings the reader sees: the language file's, under the site's own from
 * `window.ErrataConfig.strings[lang]` (typed in errata.d.ts; a site that sets other values gets what it set).
 */
export function stringsFor(lang: string, translated: ErrataStrings): ErrataStrings {
  return { ...translated, ...window.ErrataConfig?.strings?.[lang as ErrataLanguage] };
}

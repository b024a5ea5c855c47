/**
 * The language the reader is spoken to in: the first of `data-lang`, the page's `<html lang>`
 * and the browser's languages whose primary subtag the widget speaks ('pt-BR' → 'pt'),
 * else English.
 * @example uiLanguage('de-AT', ['en', 'de']) === 'de'
 */
export function uiLanguage(configured: string | null, available: readonly string[]): string {
  for (const tag of [configured, document.documentElement.lang, ...navigator.languages]) {
    const primary = tag?.split(/[-_]/)[0]?.trim().toLowerCase();
    if (primary && available.includes(primary)) return primary;
  }
  return 'en';
}

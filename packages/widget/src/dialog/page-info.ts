import { LANG_MAX, TITLE_MAX } from '@errata/core';

/** The page a report is about: its canonical link if it has one (resolved absolute), else its address without the hash. */
export function pageUrl(): string {
  const canonical = document.querySelector<HTMLLinkElement>('link[rel~="canonical" i][href]')?.href;
  // Only an http(s) canonical names a page the server can recheck; anything else is a template mistake.
  const url = canonical && /^https?:/i.test(canonical) ? canonical : location.href;
  return url.split('#')[0] as string;
}

/** The page's title, cut to TITLE_MAX characters; undefined when the page has none. */
export function pageTitle(): string | undefined {
  // Cut in UTF-16 units: never more characters than the limit, at worst half an emoji fewer.
  return document.title.slice(0, TITLE_MAX) || undefined;
}

/**
 * The page's language: the embed's data-lang, else `<html lang>`, else the browser's.
 * Undefined when it is not a plausible tag, rather than have the report refused for it.
 */
export function pageLang(configured: string | null): string | undefined {
  const lang = configured || document.documentElement.lang.trim() || navigator.language;
  return lang && lang.length <= LANG_MAX ? lang : undefined;
}

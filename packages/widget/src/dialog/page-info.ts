import { LANG_MAX, TITLE_MAX } from '@errata/core';

/** The page's address as the browser loaded it, without the hash: the server checks its origin. */
export function pageUrl(): string {
  return location.href.split('#')[0] as string;
}

/**
 * The page's canonical link, resolved absolute, without the hash. The server groups reports
 * by it when it is an http(s) address on one of the site's origins, and ignores it otherwise.
 */
export function canonicalUrl(): string | undefined {
  return document.querySelector<HTMLLinkElement>('link[rel~="canonical" i][href]')?.href.split('#')[0];
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

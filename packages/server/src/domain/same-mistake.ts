/**
 * Same mistake elsewhere: where a fixed erratum's wrong form stands in a page's text (its own
 * page's other places, the site's other pages), and which pages a site's sitemap lists. Plain functions over text; domain/proofread.ts
 * fetches the pages and proposes the errata.
 */
import { normalizeUrl, originOf } from '@errata/core';

/** Longest wrong form looked for elsewhere: a word or a short phrase, not a sentence. */
export const SAME_MISTAKE_CHARS_MAX = 40;
/** Most words of a wrong form looked for elsewhere. */
export const SAME_MISTAKE_WORDS_MAX = 3;
/** Most places proposed on one page: a page repeating a wrong form more is its own story. */
const SPOTS_PER_PAGE_MAX = 20;
/** Most URLs read from one sitemap. */
const SITEMAP_URLS_MAX = 1_000;

/**
 * Whether a fixed erratum's quote is a wrong form worth looking for on other pages: 1–3 words,
 * at most 40 characters, and not the correction itself.
 */
export function isShortWrongForm(wrong: string, correction: string): boolean {
  const trimmed = wrong.trim();
  if (trimmed === '' || trimmed.length > SAME_MISTAKE_CHARS_MAX) return false;
  if (trimmed.split(/\s+/u).length > SAME_MISTAKE_WORDS_MAX) return false;
  return trimmed !== correction.trim() && correction.trim() !== '';
}

/**
 * The places of `wrong` in `text` as a whole word (no letter or digit touching either end):
 * case-sensitively for a capitalised form ("Minks", a name), in any case otherwise ("teh" and
 * "Teh"), each with the correction to propose (capitalised where the place is).
 * @example sameMistakeIn('Trains to Minks and Minksy.', 'Minks', 'Minsk') // [{ start: 10, end: 15, correction: 'Minsk' }]
 */
export function sameMistakeIn(
  text: string,
  wrong: string,
  correction: string,
): { start: number; end: number; correction: string }[] {
  const form = wrong.trim();
  if (form === '') return [];
  const capitalised = form[0] !== form[0]?.toLowerCase();
  const escaped = form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, capitalised ? 'gu' : 'giu');
  const spots: { start: number; end: number; correction: string }[] = [];
  for (const match of text.matchAll(pattern)) {
    const start = match.index;
    const found = match[0];
    const upperHere = !capitalised && found[0] !== found[0]?.toLowerCase();
    spots.push({
      start,
      end: start + found.length,
      correction: upperHere ? correction.charAt(0).toUpperCase() + correction.slice(1) : correction,
    });
    if (spots.length >= SPOTS_PER_PAGE_MAX) break;
  }
  return spots;
}

/** The page URLs a sitemap lists (its <loc> entries) on the given origins, normalised. */
export function sitemapUrls(xml: string, origins: readonly string[]): string[] {
  const urls: string[] = [];
  for (const match of xml.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/giu)) {
    const raw = (match[1] ?? '').replaceAll('&amp;', '&');
    const origin = originOf(raw);
    const url = normalizeUrl(raw);
    if (origin !== null && url !== null && origins.includes(origin)) urls.push(url);
    if (urls.length >= SITEMAP_URLS_MAX) break;
  }
  return urls;
}

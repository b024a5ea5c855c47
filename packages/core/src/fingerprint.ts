import { FINGERPRINT_CONTEXT } from './limits.ts';
import { normalizeText, normalizeUrl } from './normalize.ts';
import type { TextQuoteSelector } from './selector.ts';

/**
 * The identity of one spot on one page: normalised URL, normalised quote and a short window
 * of normalised context on each side. Two readers who select the same words at the same
 * place get the same key whatever their whitespace, case or Unicode form; the same words
 * elsewhere on the page (other context) get another. The server hashes it (SHA-256) into
 * the erratum's fingerprint. Returns null when the URL is not an absolute http(s) URL.
 */
export function spotKey(url: string, quote: TextQuoteSelector): string | null {
  const page = normalizeUrl(url);
  if (page === null) return null;
  const before = normalizeText(quote.prefix).slice(-FINGERPRINT_CONTEXT);
  const after = normalizeText(quote.suffix).slice(0, FINGERPRINT_CONTEXT);
  // The unit separator cannot occur in normalised text, so fields never run into each other.
  return [page, normalizeText(quote.exact), before, after].join('\u001f');
}

/**
 * Limits of a Report, defined once: the widget checks them before sending, the server's
 * schema enforces them, the tests import them. Lengths are in characters (code points).
 */

/** Largest character offset in an article's text: far beyond any article, and within a 32-bit database integer. */
export const POSITION_MAX = 100_000_000;
/** Longest quote a reader may select; a mistake is a word or a sentence, not a paragraph. */
export const QUOTE_EXACT_MAX = 500;
/** Characters of the article text kept on each side of the quote to find it again. */
export const QUOTE_CONTEXT_MAX = 64;
/** Longest suggested correction; room to rewrite the selected sentence. */
export const SUGGESTION_MAX = 1000;
/** Longest reader comment. */
export const COMMENT_MAX = 2000;
/** Longest page URL accepted; browsers and proxies start failing around 8 KB, 2 KB is plenty for articles. */
export const URL_MAX = 2048;
/** Longest selector of an article root a report may name (a site's data-root); real ones are a few words. */
export const ROOT_SELECTOR_MAX = 200;
/** Highest index of an article root among its selector's matches; a page with more articles than this is not an article. */
export const ROOT_INDEX_MAX = 10_000;
/** Longest inbox search query: a phrase, not a document. */
export const ERRATA_SEARCH_MAX = 200;
/** Most errata one bulk action changes; the dashboard sends a larger selection in parts of this size. */
export const BULK_IDS_MAX = 500;
/** Longest editor's note on an erratum. */
export const NOTE_MAX = 2000;
/** Longest public note on a correction (the corrections log): a sentence or two. */
export const PUBLIC_NOTE_MAX = 500;
/** Longest page title stored. */
export const TITLE_MAX = 300;
/** Longest language tag (BCP 47 allows up to 35 characters). */
export const LANG_MAX = 35;
/** Longest site key. */
export const SITE_KEY_MAX = 64;
/** Largest request body of one report, in bytes: the fields above in UTF-8 fit with room for JSON. */
export const REPORT_BODY_MAX_BYTES = 16 * 1024;
/** Report ids the widget may ask about in one status request: it keeps the last few it sent, no more. */
export const REPORT_STATUS_IDS_MAX = 50;
/** Characters of normalised context on each side that make a spot's fingerprint (see fingerprint.ts). */
export const FINGERPRINT_CONTEXT = 32;
/** Shortest password an editor account accepts; long enough that guessing is hopeless with argon2id and rate limits. */
export const PASSWORD_MIN_LENGTH = 10;
/** Longest `website` a report may carry: the dialog's hidden honeypot field, which people leave empty. */
export const WEBSITE_MAX = 200;
/** Longest e-mail address (RFC 5321's limit on a forward path). */
export const EMAIL_MAX = 254;
/** Shape of an e-mail address the server accepts: something@domain.tld, no spaces or angle brackets. */
export const EMAIL_PATTERN = '^[^\\s@<>()",;:]+@[^\\s@<>()",;:]+\\.[^\\s@<>()",;:]+$';
/** Highest "only from the N-th report" of an editor's instant e-mail: beyond it a mail would practically never come. */
export const INSTANT_FROM_MAX = 1000;
/** Shape of a report's client-made id: 16–64 URL-safe characters (128 random bits base64url-encoded is 22). */
export const CLIENT_ID_PATTERN = '^[A-Za-z0-9_-]{16,64}$';
/** Fewest days a site may keep a closed erratum's reports: a day leaves a late thank-you or an undo some time. */
export const RETENTION_DAYS_MIN = 1;
/** Most days a site may name: ten years; a site that wants longer keeps reports until it deletes them (null). */
export const RETENTION_DAYS_MAX = 3650;

/**
 * Length of a text as these limits count it: in code points, so an emoji or a rare CJK
 * character is one character, not two UTF-16 units (the server's schema counts the same way).
 * @example codePointLength('naïve 🙂') === 7
 */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}
/** Longest word of a site's word list (proofreader): longer "words" are sentences or code. */
export const SITE_WORD_MAX = 64;
/** Pages a site may have proofread on demand per hour ("Proofread page"): each is a fetch of the site. */
export const PROOFREAD_PAGES_PER_HOUR = 10;
/** Longest correction an editor gives when marking an erratum fixed. */
export const CORRECTION_MAX = 1000;

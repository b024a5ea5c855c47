import { normalizeText } from '@errata/core';

/**
 * Spam scoring: each report gets a score from signals a person can check, and the reasons.
 * A report at or above SPAM_HOLD_SCORE is stored all the same (never dropped), but held: its
 * erratum sits in the Spam view with the reasons, out of the Open view and of notifications,
 * until an editor restores it. One signal alone holds a report only when no person would send
 * it (the hidden field, the same comment on many pages); the softer ones (a link, contact
 * details, a suggestion unrelated to the quote, a busy address) need company.
 */
export const SPAM_HOLD_SCORE = 50;

/** A report's score and why; reasons are sentences for the Spam view. */
export interface SpamVerdict {
  score: number;
  reasons: string[];
}

/** What a report says, as scoring reads it. */
export interface ScoredReport {
  quote: { exact: string; prefix: string; suffix: string };
  suggestion: string | null;
  comment: string | null;
  /** The honeypot: a field the widget's dialog hides from people. */
  website?: string | undefined;
}

const HONEYPOT_SCORE = 100;
const LINK_SCORE = 40;
const CONTACT_SCORE = 30;
const UNRELATED_SCORE = 35;
const SAME_COMMENT_SCORE = 60;
// Below the hold score on their own: a busy address may be one careful proofreader, or many
// readers behind one network's address; with a link or contact details it is held.
const BUSY_ADDRESS_SCORE = 25;
const FLOODING_ADDRESS_SCORE = 45;

/** A web address or a bare domain name with a common ending ("cheap-pills.example.com", "www.x.ru"). */
const LINK =
  /\bhttps?:\/\/|\bwww\.[a-z0-9-]|\b[a-z0-9-]{2,}\.(?:com|net|org|info|biz|ru|io|co|xyz|top|shop|site|online|link|click)\b/i;
const EMAIL = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/i;
/** A telephone number: nine or more digits, maybe grouped, maybe after a +. */
const PHONE = /(?:\+|\b)\d(?:[\s().-]*\d){8,}\b/;
/** Messenger handles in a comment ("telegram: @cheapseo", "WhatsApp +1…"). */
const MESSENGER = /\b(?:telegram|whatsapp|viber|wechat|skype|signal)\b/i;

/** Words of a text, normalised, of three letters or more. */
function wordsOf(text: string): string[] {
  return normalizeText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 3);
}

/**
 * Whether a suggestion replaces the quote with text unrelated to it and to its sentence: long
 * (five words or more, and much longer than the quote), and made mostly of words that appear
 * nowhere near. A corrected word ("Minsk" for "Minks", "Monday" for "Tuesday") or a rewritten
 * sentence of the same words is not.
 */
export function isUnrelatedSuggestion(quote: ScoredReport['quote'], suggestion: string): boolean {
  const words = wordsOf(suggestion);
  if (words.length < 5 || suggestion.length < quote.exact.length * 3 + 20) return false;
  const near = new Set(wordsOf(`${quote.prefix} ${quote.exact} ${quote.suffix}`));
  const unrelated = words.filter((word) => !near.has(word)).length;
  return unrelated / words.length >= 0.8;
}

/** The signals a report carries in itself, each with the score it adds. */
export function scoreReportText(report: ScoredReport): SpamVerdict {
  const reasons: string[] = [];
  let score = 0;
  const add = (points: number, reason: string) => {
    score += points;
    reasons.push(reason);
  };
  if (report.website?.trim()) add(HONEYPOT_SCORE, 'The hidden field that only robots fill in was filled in.');
  const quoteHasLink = LINK.test(report.quote.exact) || EMAIL.test(report.quote.exact);
  const comment = report.comment ?? '';
  const suggestion = report.suggestion ?? '';
  // A link in a suggestion is the fix of a link on the page when the quote is one.
  if (LINK.test(comment) || (!quoteHasLink && LINK.test(suggestion))) {
    add(LINK_SCORE, 'A link in the comment or suggestion.');
  }
  if (
    EMAIL.test(comment) ||
    PHONE.test(comment) ||
    MESSENGER.test(comment) ||
    (!quoteHasLink && EMAIL.test(suggestion))
  ) {
    add(CONTACT_SCORE, 'Contact details (an e-mail address, a phone number or a messenger) in the comment.');
  }
  if (suggestion && isUnrelatedSuggestion(report.quote, suggestion)) {
    add(UNRELATED_SCORE, `The suggestion replaces "${clip(report.quote.exact)}" with unrelated text.`);
  }
  return { score, reasons };
}

/** Adds two verdicts. */
export function combineVerdicts(a: SpamVerdict, b: SpamVerdict): SpamVerdict {
  return { score: a.score + b.score, reasons: [...a.reasons, ...b.reasons] };
}

function clip(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** The same comment on this many different pages within the window is a campaign, not a reader. */
export const SAME_COMMENT_PAGES = 3;
export const SAME_COMMENT_WINDOW_MS = 10 * 60_000;
/** Comments shorter than this ("typo", "thanks") are said by many readers in good faith. */
export const SAME_COMMENT_MIN_LENGTH = 12;
/** Reports from one (hashed) address within the window: busy, then flooding. */
export const BUSY_ADDRESS_REPORTS = 20;
export const FLOODING_ADDRESS_REPORTS = 60;
export const ADDRESS_WINDOW_MS = 5 * 60_000;
/** Most comments and addresses remembered per instance: a flood of distinct ones cannot grow memory without bound. */
const WINDOW_KEYS_MAX = 20_000;
/** Most entries kept per comment or address: enough to say "60 or more", and each report's look stays short in a flood. */
const ENTRIES_PER_KEY_MAX = 100;

/**
 * What one server instance saw lately, for the signals that span reports: the same comment
 * on many pages, and many reports from one address. Kept in memory for minutes (the signals
 * need no more); with several instances each counts the reports it took, so a campaign
 * spread over instances is seen later, never wrongly.
 */
export class RecentActivity {
  private readonly comments = new Map<string, { at: number; page: string }[]>();
  private readonly addresses = new Map<string, number[]>();

  /** Records a report and returns what its neighbours in time say about it. */
  observe(report: {
    siteId: string;
    pageUrl: string;
    comment: string | null;
    addressHash: string;
    at: number;
  }): SpamVerdict {
    const reasons: string[] = [];
    let score = 0;
    const comment = report.comment ? normalizeText(report.comment).replace(/\s+/g, ' ').trim() : '';
    if (comment.length >= SAME_COMMENT_MIN_LENGTH) {
      const seen = this.remember(
        this.comments,
        `${report.siteId}\u001f${comment}`,
        { at: report.at, page: report.pageUrl },
        SAME_COMMENT_WINDOW_MS,
        report.at,
      );
      const pages = new Set(seen.map((s) => s.page)).size;
      if (pages >= SAME_COMMENT_PAGES) {
        score += SAME_COMMENT_SCORE;
        reasons.push(
          `${countOf(seen)} identical comments on ${pages} pages in ${minutesSpanned(seen[0]?.at ?? report.at, report.at)}.`,
        );
      }
    }
    const times = this.remember(
      this.addresses,
      `${report.siteId}\u001f${report.addressHash}`,
      report.at,
      ADDRESS_WINDOW_MS,
      report.at,
    );
    if (times.length >= BUSY_ADDRESS_REPORTS) {
      score += times.length >= FLOODING_ADDRESS_REPORTS ? FLOODING_ADDRESS_SCORE : BUSY_ADDRESS_SCORE;
      reasons.push(
        `${countOf(times)} reports from one address in ${minutesSpanned(times[0] ?? report.at, report.at)}.`,
      );
    }
    return { score, reasons };
  }

  /** Appends an entry under a key, drops those older than the window, and returns what is left. */
  private remember<T extends number | { at: number }>(
    map: Map<string, T[]>,
    key: string,
    entry: T,
    windowMs: number,
    now: number,
  ): T[] {
    const at = (e: T) => (typeof e === 'number' ? e : e.at);
    const kept = (map.get(key) ?? []).filter((e) => now - at(e) < windowMs);
    kept.push(entry);
    if (kept.length > ENTRIES_PER_KEY_MAX) kept.shift();
    // Re-inserted last: the map's first keys are then the least recently used, dropped first.
    map.delete(key);
    map.set(key, kept);
    if (map.size > WINDOW_KEYS_MAX) {
      const oldest = map.keys().next().value;
      if (oldest !== undefined) map.delete(oldest);
    }
    return kept;
  }
}

function countOf(entries: readonly unknown[]): string {
  return entries.length >= ENTRIES_PER_KEY_MAX ? `${entries.length} or more` : `${entries.length}`;
}

function minutesSpanned(from: number, to: number): string {
  const minutes = Math.max(1, Math.ceil((to - from) / 60_000));
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

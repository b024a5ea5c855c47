import type { ArticleRootRef, TextPositionSelector, TextQuoteSelector } from './selector.ts';

/** What the widget sends for one reader's report: POST /api/v1/reports. */
export interface ReportInput {
  /** The site's public key, as in the embed's `data-site`. */
  site: string;
  /** The page's address as the browser loaded it, without the hash; ≤ URL_MAX. Its origin must be one of the site's. */
  url: string;
  /**
   * The page's `<link rel=canonical>`, when it has an http(s) one other than `url`; ≤ URL_MAX.
   * It names the page for grouping and display when it is on one of the site's origins.
   */
  canonical?: string;
  /** The element the quote and position are measured in; absent: the site's root selector, else the default. */
  root?: ArticleRootRef;
  /** The page's title, ≤ TITLE_MAX characters. */
  title?: string;
  /** The page's language tag (BCP 47), ≤ LANG_MAX characters. */
  lang?: string;
  /** The selected words and their context. */
  quote: TextQuoteSelector;
  /** Where the selection sits in the article root's text. */
  position: TextPositionSelector;
  /** The reader's correction of the quote, ≤ SUGGESTION_MAX characters; absent when unchanged. */
  suggestion?: string;
  /** Anything else the reader wants to say, ≤ COMMENT_MAX characters. */
  comment?: string;
  /**
   * A random id the widget makes once per report (CLIENT_ID_PATTERN), so a retried send is
   * recognised: the first arrival answers 201, any repeat 200 with the same receipt.
   */
  clientId?: string;
  /** What kind of mistake the reader reports; absent means 'typo'. */
  kind?: ReportKind;
  /**
   * The reader's e-mail address for one thank-you when the fix is verified, ≤ EMAIL_MAX
   * characters; only accepted when the site enabled reader e-mails (deleted after the mail or 90 days).
   */
  email?: string;
  /**
   * The dialog's hidden honeypot field (off-screen, not announced, not focusable), ≤ WEBSITE_MAX
   * characters: people never fill it, form-filling bots do; sent only when not empty.
   */
  website?: string;
  /**
   * The solved proof-of-work challenge (ProofOfWorkSolution as base64 JSON), ≤
   * PROOF_OF_WORK_PAYLOAD_MAX characters; required where the site turned proof of work on.
   */
  altcha?: string;
}

/** What a reader says is wrong: a typo (the default), a factual error, a broken link or media, something else. */
export const REPORT_KINDS = ['typo', 'factual', 'link', 'other'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Statuses of an erratum: open → fixed (an editor) → verified (a recheck saw the fix); open → rejected or spam; any → open. */
export const ERRATUM_STATUSES = ['open', 'fixed', 'verified', 'rejected', 'spam'] as const;
export type ErratumStatus = (typeof ERRATUM_STATUSES)[number];

/** Statuses that are an editor's decision against the report: the spot's new reports join it silently. */
export const FINAL_STATUSES: readonly ErratumStatus[] = ['rejected', 'spam'];

/** Whether a status is an editor's decision against the report (see FINAL_STATUSES). */
export function isFinalStatus(status: string): boolean {
  return (FINAL_STATUSES as readonly string[]).includes(status);
}

/**
 * The server's answer to an accepted report (201; 200 for a resend). It comes once the report
 * is durable, before it is grouped into its erratum; a caller that asked to wait for the
 * grouping (`?wait=erratum`) gets the erratum too.
 */
export interface ReportReceipt {
  /** The stored report's id. */
  id: string;
  /** The erratum the report joined or created: only when the request asked for it (`?wait=erratum`). */
  erratum?: {
    /** The erratum's id. */
    id: string;
    /** Reports of this spot so far, this one included. */
    reports: number;
    /** The erratum's status after this report. */
    status: ErratumStatus;
  };
}

/** A suggested correction and how many readers proposed it. */
export interface SuggestionCount {
  /** The suggested text, as the first reader typed it. */
  text: string;
  /** Readers who suggested it (compared after normalisation). */
  count: number;
}

/** One mistake at one place on one page, as the API lists it. */
export interface Erratum {
  /** The erratum's id. */
  id: string;
  /** The site's id. */
  site: string;
  /** The page, normalised (see normalizeUrl). */
  url: string;
  /** The page's title at the latest report. */
  title: string | null;
  /** The page's language at the first report. */
  lang: string | null;
  /** The quote with its context, as the first reader selected it. */
  quote: TextQuoteSelector;
  /** Where the first reader's selection sat. */
  position: TextPositionSelector;
  /** The erratum's status. */
  status: ErratumStatus;
  /** Reports joined to this erratum. */
  reports: number;
  /** Distinct suggested corrections, most suggested first. */
  suggestions: SuggestionCount[];
  /** Reader comments, newest first (at most a few in lists). */
  comments: string[];
  /** ISO-8601 time of the first report. */
  firstReportedAt: string;
  /** ISO-8601 time of the latest report. */
  lastReportedAt: string;
  /** ISO-8601 time of the latest status change, if any. */
  statusChangedAt: string | null;
  /** The kind the first reader chose. */
  kind: ReportKind;
  /** The desk the site routes this kind to, or null when it has none. */
  desk: string | null;
  /** The editor the erratum is assigned to, or null. */
  assignee: { id: string; email: string } | null;
  /** Who found it: readers, or the proofreader reading the page (its errata count no reader reports). */
  source: ErratumSource;
  /** What the proofreader found (rule, message, suggestions); null for readers' errata. */
  finding: ErratumFinding | null;
  /** For a 'same-mistake' proposal: the fixed erratum whose correction led to it; else null. */
  proposedFrom: { id: string; url: string } | null;
  /** Why spam scoring held it in the Spam view ("12 identical comments on 9 pages in 2 minutes"); null when it did not, or once restored. */
  spamReasons: string[] | null;
  /** What the last look at the live page found (recheck). */
  check: ErratumCheck;
}

/** Who found an erratum: readers' reports, or the proofreader reading the page. */
export const ERRATUM_SOURCES = ['reader', 'proofreader'] as const;
export type ErratumSource = (typeof ERRATUM_SOURCES)[number];

/** What the proofreader found at an erratum's spot. */
export interface ErratumFinding {
  /** The proofreader's rule ('spelling', 'consistency', 'split-word', …), or 'same-mistake'. */
  rule: string;
  /** For an editor, in one sentence. */
  message: string;
  /** Replacements for the quote, best first; may be empty. */
  suggestions: string[];
  /** How sure the rule is, 0–1. */
  confidence: number;
}

/** States of an erratum's last check against the live page. */
export const CHECK_STATES = [
  'unchecked',
  'still_there',
  'replaced',
  'possibly_fixed',
  'unreachable',
] as const;
export type CheckState = (typeof CHECK_STATES)[number];

/** The last check of an erratum against the live page. */
export interface ErratumCheck {
  state: CheckState;
  /** ISO-8601 time of the check, or null when never checked. */
  checkedAt: string | null;
  /** Why it ended so, for a person (e.g. "HTTP 404"), or null. */
  reason: string | null;
  /** The text now at the quote's place when it was replaced, or null. */
  replacedBy: string | null;
}

import type { TextPositionSelector, TextQuoteSelector } from './selector.ts';

/** What the widget sends for one reader's report: POST /api/v1/reports. */
export interface ReportInput {
  /** The site's public key, as in the embed's `data-site`. */
  site: string;
  /** The page: its canonical link if it has one, else its location without the hash; ≤ URL_MAX. */
  url: string;
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
}

/** Statuses of an erratum; see DESIGN.md "Statuses of an erratum". */
export const ERRATUM_STATUSES = ['open', 'fixed', 'verified', 'rejected', 'spam'] as const;
export type ErratumStatus = (typeof ERRATUM_STATUSES)[number];

/** The server's answer to an accepted report (201). */
export interface ReportReceipt {
  /** The stored report's id. */
  id: string;
  /** The erratum the report joined or created. */
  erratum: {
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
}

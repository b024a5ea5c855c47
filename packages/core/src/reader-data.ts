/**
 * What a site holds about one reader, found by the e-mail address they left for a thank-you
 * (GET /api/v1/sites/:site/reader-data), and what erasing it removed (DELETE …/reader-data).
 */
import type { ErratumStatus, ReportKind } from './report.ts';

/** One report a reader sent with their address, in their words. */
export interface ReaderReport {
  /** The report's id. */
  id: string;
  /** ISO-8601 time the report arrived. */
  createdAt: string;
  /** The page, as the widget sent it. */
  url: string;
  /** The page's title when the widget sent one. */
  title: string | null;
  kind: ReportKind;
  /** The text the reader selected, with 32 characters of context on each side at most. */
  quote: { exact: string; prefix: string; suffix: string };
  /** The correction the reader suggested, or null. */
  suggestion: string | null;
  /** The reader's comment, or null. */
  comment: string | null;
  /** The status of the erratum the report joined, today. */
  erratumStatus: ErratumStatus;
}

/** One stored copy of the reader's address: kept with one report for one thank-you. */
export interface ReaderContactRecord {
  /** The address as the reader typed it. */
  email: string;
  /** The report it was left with. */
  reportId: string;
  /** ISO-8601 time it is deleted unused (90 days after the report). */
  expiresAt: string;
  /** ISO-8601 time the thank-you was claimed for sending, or null. */
  thankedAt: string | null;
}

/** Everything a site holds for one e-mail address. */
export interface ReaderDataExport {
  site: string;
  /** The address asked about, as the owner typed it (matched without regard to case). */
  email: string;
  /** ISO-8601 time of the export. */
  exportedAt: string;
  reports: ReaderReport[];
  contacts: ReaderContactRecord[];
}

/** What erasing one e-mail address on a site removed, with counts. */
export interface ReaderDataErasure {
  site: string;
  email: string;
  /** Stored copies of the address deleted. */
  contactsDeleted: number;
  /** Reports whose suggestion, comment and address hash were blanked; the quote, page and counts stay. */
  reportsBlanked: number;
  /** Outgoing events (webhooks, e-mail) whose copy of those words was blanked. */
  eventsBlanked: number;
  /** The same, in a sentence for a person. */
  summary: string;
}

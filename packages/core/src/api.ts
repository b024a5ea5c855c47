import type { Erratum, ErratumStatus, ReportKind } from './report.ts';
import type { TextQuoteSelector } from './selector.ts';

/** Every error the API answers with: one sentence for a person, and per-field messages for a form. */
export interface ApiError {
  /** What went wrong, e.g. "quote.exact is longer than 500 characters". */
  error: string;
  /** Per-field messages keyed by dotted path, e.g. { "quote.exact": "is longer than 500 characters" }. */
  fields?: Record<string, string>;
}

/** An editor's role on a site. */
export type MemberRole = 'owner' | 'editor' | 'viewer';

/** The signed-in editor, as GET/POST /api/v1/session answer. */
export interface SessionInfo {
  user: { id: string; email: string };
  /** Send back as the X-CSRF-Token header on every write made with the session cookie. */
  csrfToken: string;
  /** Sites the editor is a member of. */
  sites: { id: string; name: string; role: MemberRole }[];
}

/** A page of errata: GET /api/v1/errata. */
export interface ErrataPage {
  items: Erratum[];
  /** Cursor for the next page, or null on the last page. */
  next: string | null;
}

/** Body of PATCH /api/v1/errata/:id: at least one field. */
export interface ErratumPatch {
  status?: ErratumStatus;
  /**
   * With status 'fixed' (ignored otherwise): the words that replace the quote (≤ CORRECTION_MAX). Without it the
   * correction is the most suggested reader suggestion, or the proofreader's first suggestion.
   */
  correction?: string;
  /** The member to assign, or null to unassign. */
  assigneeId?: string | null;
}

/** Orders of the inbox: reports × recency (the default), newest, oldest, most reported. */
export const ERRATA_SORTS = ['priority', 'newest', 'oldest', 'reports'] as const;
export type ErrataSort = (typeof ERRATA_SORTS)[number];

/** One reader's report, as the erratum's detail lists it. */
export interface ReportSummary {
  id: string;
  createdAt: string;
  kind: ReportKind;
  suggestion: string | null;
  comment: string | null;
  quote: TextQuoteSelector;
}

/** Something that happened to an erratum: a status change, an assignment, a note, a check… */
export interface ErratumHistoryEvent {
  id: string;
  /** 'status_changed' | 'assigned' | 'note' | 'checked' | … */
  type: string;
  /** Who did it; null for the system and API tokens. */
  actor: { id: string; email: string } | null;
  data: Record<string, unknown>;
  createdAt: string;
}

/** GET /api/v1/errata/:id/detail. */
export interface ErratumDetail {
  /** The erratum with all its suggestions and comments. */
  erratum: Erratum;
  /** Its reports, newest first (at most 200). */
  reports: ReportSummary[];
  /** Its history, oldest first. */
  events: ErratumHistoryEvent[];
  links: {
    /** The page scrolled to the quote (URL text fragment). */
    page: string;
    /** The page in the site's CMS, when the site has a link template. */
    cms: string | null;
  };
}

/** Body of POST /api/v1/errata/bulk. */
export interface BulkErrataChange {
  site: string;
  /** 1..500 errata ids. */
  ids: string[];
  change: ErratumPatch;
}

/** Answer of POST /api/v1/errata/bulk. */
export interface BulkErrataResult {
  updated: Erratum[];
  failed: { id: string; error: string }[];
}

/** What moved an erratum: readers' reports, a status change, an assignment, a note, a check of the page. */
export type ErratumChangeCause = 'report' | 'status' | 'assign' | 'note' | 'check';

/**
 * One change of an erratum, as GET /api/v1/events streams it (`event: erratum.updated`).
 * It carries the whole erratum after the change, so a list can insert, update or drop the
 * card without asking the server again.
 */
export interface ErratumUpdatedEvent {
  type: 'erratum.updated';
  /** The erratum as it is after the change. */
  erratum: Erratum;
  cause: ErratumChangeCause;
  /** The user who changed the status; null for readers' reports and for API tokens. */
  actorId: string | null;
}

/** Every event of the live stream. */
export type ErratumEvent = ErratumUpdatedEvent;

/** A site's settings: GET/PATCH /api/v1/sites/:site. */
export interface SiteSettings {
  id: string;
  name: string;
  /** The key pages embed as data-site; public, not a secret. */
  publicKey: string;
  /** Origins whose pages may report, e.g. "https://news.example.org"; "self" is the server's own origin. */
  allowedOrigins: string[];
  /** CSS selector of the article root, or null for the widget's default. */
  rootSelector: string | null;
  /** BCP 47 language of the site's pages when a page does not say, e.g. "en" or "pt-BR". */
  defaultLang: string | null;
  /** Report kind → the desk that handles it, e.g. { factual: "Standards" }. */
  desks: Record<string, string>;
  /** Link into the CMS editor with {url}, {path} and {id} placeholders, or null. */
  cmsLinkTemplate: string | null;
  /** Whether the public corrections log of the site is published. */
  publicLog: boolean;
  /** Whether readers may leave an e-mail address for one thank-you. */
  readerEmail: boolean;
  /** Days the reports of a closed erratum are kept after its decision (1–3650), or null to keep them until deleted. */
  retentionDays: number | null;
  /**
   * Whether readers' browsers must solve a proof-of-work challenge (about a second of hashing)
   * with each report: it slows scripted floods down, with no third party involved. Off by default.
   */
  proofOfWork: boolean;
  /** Whether the proofreader reads a page when it is first reported and proposes the mistakes it is sure of. On by default. */
  proofreadOnFirstReport: boolean;
  /** The caller's role on the site. */
  role: MemberRole;
}

/** Body of PATCH /api/v1/sites/:site: any of the owner-editable settings. */
export type SiteSettingsPatch = Partial<
  Pick<
    SiteSettings,
    | 'name'
    | 'allowedOrigins'
    | 'rootSelector'
    | 'defaultLang'
    | 'desks'
    | 'cmsLinkTemplate'
    | 'publicLog'
    | 'readerEmail'
    | 'proofOfWork'
    | 'proofreadOnFirstReport'
    | 'retentionDays'
  >
>;

/** One member of a site: GET /api/v1/sites/:site/members. */
export interface SiteMember {
  userId: string;
  email: string;
  role: MemberRole;
}

/** An invitation as its site's owners see it (never its token). */
export interface SiteInvitation {
  id: string;
  role: MemberRole;
  email: string | null;
  createdAt: string;
  expiresAt: string;
  /** pending until someone accepts it, it expires, or an owner revokes it. */
  state: 'pending' | 'accepted' | 'expired' | 'revoked';
  acceptedBy: string | null;
}

/** Answer of POST /api/v1/sites/:site/invitations: the link, shown this once. */
export interface CreatedInvitation {
  id: string;
  url: string;
  expiresAt: string;
}

/** Answer of GET /api/v1/invitations/:token: what the link offers, for whoever holds it. */
export interface InvitationPreview {
  /** The site's id, which the dashboard opens after joining. */
  site: string;
  siteName: string;
  role: MemberRole;
  expiresAt: string;
}

/** How an editor hears about a site's new errata by e-mail: not at all, a mail per reported spot, or one a day. */
export const EMAIL_MODES = ['off', 'instant', 'digest'] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

/** Events Errata sends to webhooks and e-mail, each with an id that stays the same on retries. */
export const NOTIFICATION_EVENT_TYPES = [
  'erratum.created',
  'erratum.reported',
  'erratum.status_changed',
  'erratum.assigned',
  'erratum.noted',
  'erratum.verified',
  'erratum.still_present',
] as const;
export type NotificationEventType = (typeof NOTIFICATION_EVENT_TYPES)[number];

/** Body shapes a webhook sends: Errata's signed JSON, or a chat tool's incoming-webhook message. */
export const WEBHOOK_FORMATS = ['json', 'slack', 'discord', 'teams', 'mattermost'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** A site's webhook as its owners see it (never its secret). */
export interface Webhook {
  id: string;
  /** http(s) address the events are POSTed to. */
  url: string;
  format: WebhookFormat;
  /** Event types sent; empty sends every type. */
  events: NotificationEventType[];
  /** False while paused (by an owner, or after the receiver answered 410 Gone). */
  active: boolean;
  createdAt: string;
}

/** Answer of POST /api/v1/sites/:site/webhooks: the signing secret, shown this once. */
export interface CreatedWebhook {
  webhook: Webhook;
  secret: string;
}

/** Answer of POST /api/v1/sites/:site/webhooks/:id/test. */
export interface WebhookTestResult {
  ok: boolean;
  /** The receiver's HTTP status, or null when it did not answer. */
  statusCode: number | null;
  error: string | null;
}

/** One line of a site's delivery log: GET /api/v1/sites/:site/deliveries. */
export interface DeliveryLogEntry {
  id: string;
  eventId: string;
  eventType: string;
  erratumId: string | null;
  /** webhook, email, … */
  channel: string;
  targetId: string;
  /** Where it goes, without secrets (a webhook's host, an editor's address); null when gone. */
  target: string | null;
  status: 'pending' | 'delivered' | 'dead';
  attempts: number;
  lastAttemptAt: string | null;
  /** HTTP status (or SMTP code) of the last attempt, when the target answered. */
  lastStatusCode: number | null;
  lastError: string | null;
  /** When a pending delivery is tried next; null otherwise. */
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

/** A page of the delivery log, newest first; `next` is the cursor of the following page. */
export interface DeliveryPage {
  items: DeliveryLogEntry[];
  next: string | null;
}

/** Body of POST /api/v1/reports/status: the widget asks about the reports it sent, and nothing else. */
export interface ReportStatusQuery {
  /** The site's public key (data-site). */
  site: string;
  /** Ids of reports from their receipts, 1..REPORT_STATUS_IDS_MAX. */
  ids: string[];
}

/** Answer of POST /api/v1/reports/status: those of the asked reports whose mistake was corrected. */
export interface ReportStatusAnswer {
  corrected: {
    /** The report's id, as asked. */
    id: string;
    /** The words the reader marked. */
    quote: string;
    /** What the page says there now, when a recheck saw it; else null. */
    correction: string | null;
  }[];
}

/** Answer of POST /api/v1/sites/:site/proofread: what the proofreader found on the page. */
export interface ProofreadResult {
  /** The page read, normalised. */
  url: string;
  /** Findings at or above the product's confidence threshold. */
  findings: number;
  /** New errata made of them (not those already there, nor those an editor rejected before). */
  created: number;
  /** Ids of the new errata. */
  errata: string[];
}

/** Where a word of a site's list came from: an editor added it, or dismissing a proofreader erratum taught it. */
export type SiteWordSource = 'editor' | 'dismissed';

/** A word the proofreader never flags on a site: GET /api/v1/sites/:site/words. */
export interface SiteWord {
  /** The word as added, trimmed; 1..SITE_WORD_MAX characters. */
  word: string;
  source: SiteWordSource;
  /** ISO-8601 time it was added. */
  addedAt: string;
}

/** GET /api/v1/sites/:site/words. */
export interface SiteWords {
  words: SiteWord[];
}

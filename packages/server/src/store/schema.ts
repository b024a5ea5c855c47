import type { Generated } from 'kysely';

/**
 * The database's tables as Kysely sees them. Times are ISO-8601 UTC strings (they sort
 * as text and mean the same in SQLite and PostgreSQL); ids are time-ordered text (ids.ts).
 */
export interface Database {
  sites: SiteTable;
  users: UserTable;
  members: MemberTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  setup_tokens: SetupTokenTable;
  errata: ErratumTable;
  reports: ReportTable;
  erratum_events: ErratumEventTable;
  settings: SettingTable;
  outbox_events: OutboxEventTable;
  deliveries: DeliveryTable;
  webhooks: WebhookTable;
  email_preferences: EmailPreferenceTable;
  digest_runs: DigestRunTable;
  leases: LeaseTable;
  reader_contacts: ReaderContactTable;
  invitations: InvitationTable;
  page_checks: PageCheckTable;
  sign_in_failures: SignInFailureTable;
  proof_of_work_spent: ProofOfWorkSpentTable;
  proofread_jobs: ProofreadJobTable;
  site_words: SiteWordTable;
  report_intake: ReportIntakeTable;
  learned_names: LearnedNameTable;
  proofread_pages: ProofreadPageTable;
}

export interface SiteTable {
  /** Short stable id used in URLs and the API, e.g. "demo". */
  id: string;
  /** Display name. */
  name: string;
  /** The key a page embeds as data-site; public, not a secret. */
  public_key: string;
  /** JSON array of allowed origins ("https://news.example.org"); "self" means the server's own origin. */
  allowed_origins: string;
  /** CSS selector of the article root on this site's pages, or null for the widget's default. */
  root_selector: string | null;
  created_at: string;
  /** 1 when readers may leave an e-mail address for a thank-you (off, 0, by default). */
  reader_email: Generated<number>;
  /** 1 when the recheck may fetch this site's pages on private or loopback addresses (the demo; an intranet). */
  is_local: Generated<number>;
  /** 1 when the site publishes its verified corrections at /c/<site>. */
  public_log: Generated<number>;
  /** JSON object: report kind → the desk that handles it, e.g. {"factual":"Standards"}; null for none. */
  desks: Generated<string | null>;
  /** Link into the CMS editor with {url}, {path} and {id} placeholders, or null. */
  cms_link_template: Generated<string | null>;
  /** BCP 47 language of the site's pages when a page does not say, or null. */
  default_lang: Generated<string | null>;
  /** 1 when readers' browsers must solve a proof-of-work challenge with each report (off, 0, by default). */
  proof_of_work: Generated<number>;
  /** Days the reports of a closed erratum are kept after its decision; null keeps them until deleted. */
  retention_days: Generated<number | null>;
  /** 1 (the default) when a page's first report queues it for the proofreader. */
  proofread_on_first_report: Generated<number>;
}

export interface UserTable {
  id: string;
  /** Lower-cased e-mail address; unique. */
  email: string;
  /** argon2id PHC string. */
  password_hash: string;
  created_at: string;
}

export interface MemberTable {
  site_id: string;
  user_id: string;
  /** owner | editor | viewer */
  role: string;
  created_at: string;
}

export interface SessionTable {
  /** SHA-256 (hex) of the session cookie's value: a stolen database holds no usable session. */
  id: string;
  user_id: string;
  /** Token the dashboard must echo in X-CSRF-Token on writes. */
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokenTable {
  id: string;
  /** SHA-256 (hex) of the bearer token. */
  token_hash: string;
  site_id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
}

export interface SetupTokenTable {
  /** SHA-256 (hex) of the one-time setup token. */
  token_hash: string;
  expires_at: string;
}

export interface ErratumTable {
  id: string;
  site_id: string;
  /** SHA-256 of core's spotKey: one spot on one page. Unique per site. */
  fingerprint: string;
  /** Normalised page URL. */
  url: string;
  title: string | null;
  lang: string | null;
  quote_exact: string;
  quote_prefix: string;
  quote_suffix: string;
  position_start: number;
  position_end: number;
  /** core's ArticleRootRef: the selector of the element the position counts in, or null for the site's default root. */
  root_selector: Generated<string | null>;
  /** Elements matching root_selector before that element in document order. */
  root_index: Generated<number | null>;
  status: string;
  report_count: number;
  first_reported_at: string;
  last_reported_at: string;
  status_changed_at: string | null;
  status_changed_by: string | null;
  /** What the last look at the live page found: core's CheckState. */
  check_state: Generated<string>;
  /** Why the check ended so, for a person (e.g. "HTTP 404"). */
  check_reason: Generated<string | null>;
  /** ISO time of the last check of the page (every attempt, reachable or not). */
  checked_at: Generated<string | null>;
  /** The text standing where the quote stood, when a check found it replaced. */
  replaced_by: Generated<string | null>;
  /** ISO time the recheck saw the correction on the live page. */
  verified_at: Generated<string | null>;
  /** The editor's note shown in the public corrections log. */
  public_note: Generated<string | null>;
  /** core's ReportKind of the first report. */
  kind: Generated<string>;
  /** The desk the site routed the kind to when the erratum was made, or null. */
  desk: Generated<string | null>;
  /** The member the erratum is assigned to, or null. */
  assignee_id: Generated<string | null>;
  /** reader | proofreader */
  source: Generated<string>;
  /** JSON core ErratumFinding of a proofreader erratum; null for readers'. */
  finding: Generated<string | null>;
  /** JSON {id, url} of the fixed erratum a 'same-mistake' proposal came from; null otherwise. */
  proposed_from: Generated<string | null>;
  /** ln(report_count) + epoch seconds of last_reported_at / τ: the inbox's default order (core's priorityOf). */
  priority: Generated<number>;
  /** Normalised quote, suggestions and comments, for full-text search (searchTextOf). */
  search_text: Generated<string>;
  /** The quote's context when it was rejected or called spam; a report with other context reopens it. */
  decided_prefix: Generated<string | null>;
  decided_suffix: Generated<string | null>;
  /** JSON list of why spam scoring held it (domain/spam-score.ts): set when reports scored as spam made it. */
  held_reasons: Generated<string | null>;
}

export interface ReportTable {
  id: string;
  erratum_id: string;
  site_id: string;
  /** The URL as the widget sent it (before normalisation). */
  url: string;
  title: string | null;
  lang: string | null;
  quote_exact: string;
  quote_prefix: string;
  quote_suffix: string;
  position_start: number;
  position_end: number;
  /** core's ArticleRootRef: the selector of the element the position counts in, or null for the site's default root. */
  root_selector: Generated<string | null>;
  /** Elements matching root_selector before that element in document order. */
  root_index: Generated<number | null>;
  suggestion: string | null;
  /** normalizeText(suggestion), to count equal suggestions together. */
  suggestion_key: string | null;
  comment: string | null;
  /** Keyed hash of the reader's IP address and the day: enough to throttle, not to identify. */
  ip_hash: string;
  created_at: string;
  /** The widget's id for this report (unique per site): a retried send finds it and is not counted twice. */
  client_id: string | null;
  /** The erratum's report count right after this report: the `reports` of its receipt. */
  ordinal: number;
  /** core's ReportKind the reader chose. */
  kind: Generated<string>;
  /** How spam-like the report looked when it arrived (domain/spam-score.ts), 0 for none. */
  spam_score: Generated<number>;
  /** JSON list of the reasons for spam_score, or null when it is 0. */
  spam_reasons: Generated<string | null>;
}

export interface ErratumEventTable {
  id: string;
  erratum_id: string;
  site_id: string;
  /** User id of the editor, or null for the system. */
  actor_id: string | null;
  /** e.g. "status_changed". */
  type: string;
  /** JSON details, e.g. {"from":"open","to":"fixed"}. */
  data: string;
  created_at: string;
}

export interface SettingTable {
  key: string;
  value: string;
}

export interface InvitationTable {
  id: string;
  site_id: string;
  /** SHA-256 (hex) of the link's token; the token itself is shown once, to the owner who invites. */
  token_hash: string;
  /** owner | editor | viewer: the role the invitee gets. */
  role: string;
  /** Whom the owner meant to invite, for the list only; anyone holding the link may accept it. */
  email: string | null;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
  revoked_at: string | null;
}

export interface EmailPreferenceTable {
  user_id: string;
  site_id: string;
  /** off | instant | digest */
  mode: string;
  /** Instant mode: mail when a spot's report count reaches this number (1: every new erratum). */
  instant_from: number;
  /** SHA-256 (hex) of the unsubscribe link's token, one per editor and site. */
  unsubscribe_token_hash: string;
  updated_at: string;
}

export interface DigestRunTable {
  site_id: string;
  user_id: string;
  /** UTC day (YYYY-MM-DD) the digest is for; written before sending, so a restart never sends it twice. */
  day: string;
  sent_at: string;
}

/** Failed sign-ins of one account from one client address, or (address '*') from anywhere. */
export interface SignInFailureTable {
  /** SHA-256 (hex) of the lower-cased e-mail typed: unknown addresses are counted too, unreadably. */
  account: string;
  /** The client's IP address (an IPv6 one by its /64 network), or '*' for the account's total. */
  address: string;
  /** Failures since first_failure_at; an attempt counts as one until its password proves right. */
  failures: number;
  first_failure_at: string;
  last_failure_at: string;
  /** When the owner was mailed about this burst (the '*' row only), or null. */
  alerted_at: string | null;
}

/** A solved proof-of-work challenge, kept until it expires so that it is accepted only once. */
export interface ProofOfWorkSpentTable {
  /** The challenge's hash (hex), as the solution carried it. */
  challenge: string;
  /** When the challenge expires; the row may be deleted after. */
  expires_at: string;
}

export interface LeaseTable {
  /** What is leased, e.g. "digest". */
  name: string;
  /** Random id of the server instance holding it. */
  holder: string;
  expires_at: string;
}

export interface ReaderContactTable {
  report_id: string;
  site_id: string;
  /** The reader's address, kept only for one thank-you; deleted after it or when expired. */
  email: string;
  /** 90 days after the report. */
  expires_at: string;
  thanked_at: string | null;
}

/** One page the recheck fetches: its conditional-GET validators and when to look again. */
export interface PageCheckTable {
  site_id: string;
  /** Normalised page URL, as errata.url. */
  url: string;
  /** Validators of the last successful fetch, sent back as If-None-Match / If-Modified-Since. */
  etag: string | null;
  last_modified: string | null;
  /** HTTP status of the last fetch, or null when none answered. */
  last_status: number | null;
  /** Why the last fetch failed, for a person; null after a success. */
  last_error: string | null;
  /** Failed fetches in a row: the retry backoff grows with it. */
  failures: Generated<number>;
  /** When the scheduler fetches the page next; null: nothing to check. */
  next_check_at: string | null;
  /** ISO time of the last attempt. */
  checked_at: string | null;
}

export interface OutboxEventTable {
  /** Sent to consumers as the event id: they drop repeats by it. */
  id: string;
  site_id: string;
  /** erratum.created, erratum.reported, … (domain/outbox-event.ts). */
  type: string;
  erratum_id: string | null;
  /** JSON OutboxEventData: the change's details and a snapshot of the erratum. */
  data: string;
  created_at: string;
  /** When the worker made its deliveries; null until then. */
  fanned_out_at: string | null;
}

export interface DeliveryTable {
  id: string;
  event_id: string;
  site_id: string;
  /** The channel's kind: "webhook", "email", … */
  channel: string;
  /** Which of the channel's targets: a webhook id, a user id, … */
  target_id: string;
  /** pending | delivered | dead */
  status: string;
  /** Attempts made so far. */
  attempts: number;
  /** When a pending delivery is due; null once delivered or dead. */
  next_attempt_at: string | null;
  /** After this the delivery is given up (dead) instead of retried: the event's time plus the window. */
  expires_at: string;
  /** A worker holds the delivery until then; a crashed worker's lease simply runs out. */
  leased_until: string | null;
  lease_owner: string | null;
  last_attempt_at: string | null;
  /** HTTP status (or SMTP reply code) of the last attempt, when the target answered. */
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: string | null;
  created_at: string;
}

export interface WebhookTable {
  id: string;
  site_id: string;
  /** http(s) URL the events are POSTed to. */
  url: string;
  /** json | slack | discord | teams | mattermost */
  format: string;
  /** HMAC-SHA256 key of the Errata-Signature header; shown to the owner once, at creation. */
  secret: string;
  /** JSON array of event types to send; empty sends every type. */
  events: string;
  /** 1 sends, 0 is paused. */
  active: number;
  created_at: string;
}

/** A page waiting for the proofreader (jobs/proofread-worker.ts), or one it read. */
export interface ProofreadJobTable {
  id: string;
  site_id: string;
  /** page (read the page, propose its mistakes) | same-mistake (look for a fixed mistake on other pages) */
  kind: string;
  /** The page to read; for same-mistake, the fixed erratum's page. */
  url: string;
  /** report (a page's first report) | editor ("Proofread page") | fix (an erratum marked fixed) */
  trigger: string;
  /** Unique per site when set: a page's first report queues it once. */
  dedupe_key: string | null;
  /** JSON details of the kind (same-mistake: erratum id, wrong form, correction). */
  payload: Generated<string>;
  /** pending | running | done | failed */
  state: string;
  attempts: Generated<number>;
  /** Not run before this time (a retry's backoff). */
  run_after: string;
  /** An instance holds the job until then; a crashed instance's lease runs out. */
  leased_until: string | null;
  lease_owner: string | null;
  last_error: string | null;
  /** JSON of what the run found (findings, created…), once done. */
  result: string | null;
  created_at: string;
  finished_at: string | null;
}

/** A word the proofreader never flags on a site. */
export interface SiteWordTable {
  site_id: string;
  /** Trimmed, as added; compared exactly. */
  word: string;
  /** editor | dismissed */
  source: string;
  added_at: string;
  /** A dismissed word's erratum whose rejection taught it (migration 021): undoing that rejection removes the word. */
  taught_by: string | null;
}

/** A capitalised name seen on a site's pages, and on how many (each page counted once). */
export interface LearnedNameTable {
  site_id: string;
  word: string;
  pages: number;
  last_seen_at: string;
}

/** A page the proofreader has read once: its names are counted, and it is a known page of the site. */
export interface ProofreadPageTable {
  site_id: string;
  /** Normalised page URL, as errata.url. */
  url: string;
  read_at: string;
}

/** A report acknowledged and not yet grouped into its erratum (domain/report-grouper.ts). */
export interface ReportIntakeTable {
  /** The report's id. */
  id: string;
  site_id: string;
  client_id: string | null;
  /** JSON of the validated report (domain/report-batch.ts's ReportToStore). */
  payload: string;
  created_at: string;
  /** Times grouping this row alone failed; at INTAKE_MAX_ATTEMPTS it is set aside. */
  attempts: Generated<number>;
  last_error: Generated<string | null>;
}

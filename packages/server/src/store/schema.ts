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
  status: string;
  report_count: number;
  first_reported_at: string;
  last_reported_at: string;
  status_changed_at: string | null;
  status_changed_by: string | null;
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

import type { Erratum, ErratumStatus } from './report.ts';

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

/** Body of PATCH /api/v1/errata/:id. */
export interface ErratumPatch {
  status: ErratumStatus;
}

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

/** What moved an erratum: readers' reports joined (or created) it, or someone changed its status. */
export type ErratumChangeCause = 'report' | 'status';

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

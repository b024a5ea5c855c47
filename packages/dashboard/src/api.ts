import type {
  ApiError,
  BulkErrataChange,
  BulkErrataResult,
  CreatedInvitation,
  CreatedWebhook,
  DeliveryLogEntry,
  DeliveryPage,
  ErrataPage,
  Erratum,
  ErratumDetail,
  ErratumHistoryEvent,
  ErratumPatch,
  ErratumStatus,
  InvitationPreview,
  MemberRole,
  ProofreadResult,
  ReaderDataErasure,
  ReaderDataExport,
  SessionInfo,
  SiteInvitation,
  SiteMember,
  SiteSettings,
  SiteSettingsPatch,
  SiteWord,
  SiteWords,
  Webhook,
  WebhookTestResult,
} from '@errata/core';
import type { EmailPreferences, EmailPreferencesAnswer } from './email-preferences.ts';
import { errataQuery } from './errata-filter.ts';
import { type InboxFilter, NO_FILTER } from './inbox-location.ts';
import type { WebhookDraft } from './webhook-form.ts';

/** Errata the inbox asks for at once; a screenful of cards, small enough to answer fast. */
export const ERRATA_PAGE_SIZE = 50;

/** A failed API call, with the server's sentence for a person and the HTTP status (0: no answer). */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly fields: Record<string, string>;
  /** The seconds a 429 or 503 asked to wait (Retry-After), or null when it did not say. */
  readonly retryAfterS: number | null;

  constructor(status: number, body: ApiError, retryAfterS: number | null = null) {
    super(body.error);
    this.name = 'ApiRequestError';
    this.status = status;
    this.fields = body.fields ?? {};
    this.retryAfterS = retryAfterS;
  }
}

/** Retry-After's seconds; null when absent or an HTTP date (the server sends seconds). */
function retryAfterOf(response: Response): number | null {
  const seconds = Number(response.headers.get('Retry-After') ?? '');
  return Number.isFinite(seconds) && seconds > 0 ? seconds : null;
}

/** True when the session is gone (expired, signed out elsewhere): the app goes back to sign-in. */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiRequestError && error.status === 401;
}

/** A sentence to show for any error a call may throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Please try again.';
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  /** The session's csrfToken; required by the server on every write. */
  csrfToken?: string;
  signal?: AbortSignal;
}

// Sentences for answers that carry no {error} body (a proxy's HTML page, an empty 502).
function fallbackMessage(status: number, retryAfter: string | null): string {
  if (status === 401) return 'Please sign in again.';
  if (status === 403) return 'You are not allowed to do that on this site.';
  if (status === 404) return 'Not found. It may have been removed.';
  if (status === 429) {
    const seconds = Number(retryAfter);
    return retryAfter && Number.isInteger(seconds) && seconds > 0
      ? `Too many attempts: try again in ${seconds} s.`
      : 'Too many attempts. Please wait a minute and try again.';
  }
  if (status >= 500) return `The server had a problem (HTTP ${status}). Please try again.`;
  return `The request failed (HTTP ${status}).`;
}

async function readError(response: Response): Promise<ApiError> {
  try {
    const body: unknown = await response.json();
    if (typeof body === 'object' && body !== null && typeof (body as ApiError).error === 'string') {
      return body as ApiError;
    }
    // A route that names its sentence `message` is read the same way.
    const message =
      typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : null;
    if (typeof message === 'string' && message !== '') return { error: message };
  } catch {
    // Not JSON: fall through to a sentence of our own.
  }
  return { error: fallbackMessage(response.status, response.headers.get('Retry-After')) };
}

async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.csrfToken !== undefined) headers['X-CSRF-Token'] = options.csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiRequestError(0, { error: 'Cannot reach the server. Check the connection and try again.' });
  }
  if (!response.ok) {
    throw new ApiRequestError(response.status, await readError(response), retryAfterOf(response));
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** The signed-in editor; throws a 401 ApiRequestError when nobody is signed in. */
export function getSession(): Promise<SessionInfo> {
  return request('/api/v1/session');
}

/** Signs in with e-mail and password; the server sets the session cookie. */
export function signIn(email: string, password: string): Promise<SessionInfo> {
  return request('/api/v1/session', { method: 'POST', body: { email, password } });
}

/** Ends the session. */
export function signOut(csrfToken: string): Promise<void> {
  return request('/api/v1/session', { method: 'DELETE', csrfToken });
}

/** Creates the first owner account with the one-time token the server printed, and signs in. */
export function setUp(token: string, email: string, password: string): Promise<SessionInfo> {
  return request('/api/v1/setup', { method: 'POST', body: { token, email, password } });
}

/** One page of a site's errata in one status, narrowed and ordered by a filter (priority first by default). */
export function listErrata(
  query: { site: string; status: ErratumStatus; cursor?: string | null; filter?: InboxFilter },
  signal?: AbortSignal,
): Promise<ErrataPage> {
  const params = new URLSearchParams([
    ['site', query.site],
    ...errataQuery(query.status, query.filter ?? NO_FILTER),
    ['limit', `${ERRATA_PAGE_SIZE}`],
  ]);
  if (query.cursor) params.set('cursor', query.cursor);
  return request(`/api/v1/errata?${params}`, { signal });
}

/** Changes an erratum's status and/or assignee; answers the updated erratum. */
export function patchErratum(id: string, patch: ErratumPatch, csrfToken: string): Promise<Erratum> {
  return request(`/api/v1/errata/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch, csrfToken });
}

/** The same change to many errata of a site; answers those changed and those that could not be. */
export function changeErrata(change: BulkErrataChange, csrfToken: string): Promise<BulkErrataResult> {
  return request('/api/v1/errata/bulk', { method: 'POST', body: change, csrfToken });
}

/** Everything about one erratum: all its reports, its history and links to the page and the CMS. */
export function getErratumDetail(id: string, signal?: AbortSignal): Promise<ErratumDetail> {
  return request(`/api/v1/errata/${encodeURIComponent(id)}/detail`, { signal });
}

/** Adds an editor's note to an erratum's history; answers the note's event. */
export function addErratumNote(id: string, text: string, csrfToken: string): Promise<ErratumHistoryEvent> {
  return request(`/api/v1/errata/${encodeURIComponent(id)}/notes`, {
    method: 'POST',
    body: { text },
    csrfToken,
  });
}

/** The members of a site, whom its errata can be assigned to. */
export async function listSiteMembers(site: string, signal?: AbortSignal): Promise<SiteMember[]> {
  const answer = await request<{ members: SiteMember[] }>(
    `/api/v1/sites/${encodeURIComponent(site)}/members`,
    { signal },
  );
  return answer.members;
}

/** The signed-in editor's e-mail choice for a site (mode off, instant or digest). */
export function getEmailPreferences(site: string, signal?: AbortSignal): Promise<EmailPreferencesAnswer> {
  return request(`/api/v1/sites/${encodeURIComponent(site)}/email-preferences`, { signal });
}

/** Saves the signed-in editor's e-mail choice for a site. */
export function putEmailPreferences(
  site: string,
  choice: EmailPreferences,
  csrfToken: string,
): Promise<EmailPreferencesAnswer> {
  return request(`/api/v1/sites/${encodeURIComponent(site)}/email-preferences`, {
    method: 'PUT',
    body: choice,
    csrfToken,
  });
}

/** A site's settings and the caller's role on it. */
export function getSiteSettings(site: string, signal?: AbortSignal): Promise<SiteSettings> {
  return request(`/api/v1/sites/${encodeURIComponent(site)}`, { signal });
}

/** Saves some of a site's settings (owners); a 400 carries per-field messages. */
export function patchSiteSettings(
  site: string,
  patch: SiteSettingsPatch,
  csrfToken: string,
): Promise<SiteSettings> {
  return request(`/api/v1/sites/${encodeURIComponent(site)}`, { method: 'PATCH', body: patch, csrfToken });
}

/** Has the proofreader read a page of the site now (owners, editors); limited per site and hour (429). */
export function proofreadPage(site: string, url: string, csrfToken: string): Promise<ProofreadResult> {
  return request(`/api/v1/sites/${encodeURIComponent(site)}/proofread`, {
    method: 'POST',
    body: { url },
    csrfToken,
  });
}

/** The words the proofreader never flags on a site, as any member sees them. */
export async function listSiteWords(site: string, signal?: AbortSignal): Promise<SiteWord[]> {
  const answer = await request<SiteWords>(`/api/v1/sites/${encodeURIComponent(site)}/words`, { signal });
  return answer.words;
}

/** Adds a word to the site's list (owners, editors); a 400 says why a word is refused. */
export function addSiteWord(site: string, word: string, csrfToken: string): Promise<unknown> {
  return request(`/api/v1/sites/${encodeURIComponent(site)}/words`, {
    method: 'POST',
    body: { word },
    csrfToken,
  });
}

/** Takes a word off the site's list (owners, editors): the proofreader may flag it again. */
export function removeSiteWord(site: string, word: string, csrfToken: string): Promise<void> {
  return request(`/api/v1/sites/${encodeURIComponent(site)}/words/${encodeURIComponent(word)}`, {
    method: 'DELETE',
    csrfToken,
  });
}

/** Creates a site owned by the caller (who must own a site already). */
export function createSite(
  site: { id: string; name: string; allowedOrigins: string[] },
  csrfToken: string,
): Promise<SiteSettings> {
  return request('/api/v1/sites', { method: 'POST', body: site, csrfToken });
}

/** Gives a member another role (owners). */
export function changeMemberRole(
  site: string,
  userId: string,
  role: MemberRole,
  csrfToken: string,
): Promise<SiteMember> {
  return request(`/api/v1/sites/${encodeURIComponent(site)}/members/${encodeURIComponent(userId)}`, {
    method: 'PATCH',
    body: { role },
    csrfToken,
  });
}

/** Removes a member (owners), or the caller leaves the site. */
export function removeMember(site: string, userId: string, csrfToken: string): Promise<void> {
  return request(`/api/v1/sites/${encodeURIComponent(site)}/members/${encodeURIComponent(userId)}`, {
    method: 'DELETE',
    csrfToken,
  });
}

/** Makes an invitation link (owners); its url is shown this once. */
export function createInvitation(
  site: string,
  invitation: { role: MemberRole; email?: string },
  csrfToken: string,
): Promise<CreatedInvitation> {
  return request(`/api/v1/sites/${encodeURIComponent(site)}/invitations`, {
    method: 'POST',
    body: invitation,
    csrfToken,
  });
}

/** A site's invitations, newest first (owners). */
export async function listInvitations(site: string, signal?: AbortSignal): Promise<SiteInvitation[]> {
  const answer = await request<{ invitations: SiteInvitation[] }>(
    `/api/v1/sites/${encodeURIComponent(site)}/invitations`,
    { signal },
  );
  return answer.invitations;
}

/** Withdraws an invitation; its link stops working. */
export function revokeInvitation(site: string, id: string, csrfToken: string): Promise<SiteInvitation> {
  return request(`/api/v1/sites/${encodeURIComponent(site)}/invitations/${encodeURIComponent(id)}`, {
    method: 'DELETE',
    csrfToken,
  });
}

/** What an invitation link offers, or a 404 saying why it no longer works. */
export function previewInvitation(token: string): Promise<InvitationPreview> {
  return request(`/api/v1/invitations/${encodeURIComponent(token)}`);
}

/**
 * Accepts an invitation: with the session (pass its csrfToken), or with an e-mail and a
 * password that create the account (or sign in to an existing one). Answers the new session.
 */
export function acceptInvitation(
  token: string,
  how: { csrfToken: string } | { email: string; password: string },
): Promise<SessionInfo> {
  const path = `/api/v1/invitations/${encodeURIComponent(token)}/accept`;
  return 'csrfToken' in how
    ? request(path, { method: 'POST', body: {}, csrfToken: how.csrfToken })
    : request(path, { method: 'POST', body: how });
}

/** A site's webhooks (owners). */
export async function listWebhooks(site: string, signal?: AbortSignal): Promise<Webhook[]> {
  const answer = await request<{ webhooks: Webhook[] }>(
    `/api/v1/sites/${encodeURIComponent(site)}/webhooks`,
    { signal },
  );
  return answer.webhooks;
}

/** Adds a webhook (owners); the answer's secret is shown this once. */
export function createWebhook(
  site: string,
  webhook: WebhookDraft,
  csrfToken: string,
): Promise<CreatedWebhook> {
  return request(`/api/v1/sites/${encodeURIComponent(site)}/webhooks`, {
    method: 'POST',
    body: webhook,
    csrfToken,
  });
}

/** Changes a webhook: pause or resume it, its address, format or event filter. */
export function patchWebhook(
  site: string,
  id: string,
  change: Partial<WebhookDraft> & { active?: boolean },
  csrfToken: string,
): Promise<Webhook> {
  return request(`/api/v1/sites/${encodeURIComponent(site)}/webhooks/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: change,
    csrfToken,
  });
}

export function deleteWebhook(site: string, id: string, csrfToken: string): Promise<void> {
  return request(`/api/v1/sites/${encodeURIComponent(site)}/webhooks/${encodeURIComponent(id)}`, {
    method: 'DELETE',
    csrfToken,
  });
}

/** Sends a test message to a webhook now; answers how the receiver replied. */
export function testWebhook(site: string, id: string, csrfToken: string): Promise<WebhookTestResult> {
  return request(`/api/v1/sites/${encodeURIComponent(site)}/webhooks/${encodeURIComponent(id)}/test`, {
    method: 'POST',
    csrfToken,
  });
}

/** One page of a site's delivery log, newest first, optionally of one status. */
export function listDeliveries(
  site: string,
  query: { status?: DeliveryLogEntry['status'] | null; cursor?: string | null },
  signal?: AbortSignal,
): Promise<DeliveryPage> {
  const params = new URLSearchParams();
  if (query.status) params.set('status', query.status);
  if (query.cursor) params.set('cursor', query.cursor);
  const search = params.toString();
  return request(`/api/v1/sites/${encodeURIComponent(site)}/deliveries${search ? `?${search}` : ''}`, {
    signal,
  });
}

/** Makes a pending or dead delivery due now (owners); answers its log line. */
export function retryDelivery(site: string, id: string, csrfToken: string): Promise<DeliveryLogEntry> {
  return request(`/api/v1/sites/${encodeURIComponent(site)}/deliveries/${encodeURIComponent(id)}/retry`, {
    method: 'POST',
    csrfToken,
  });
}

/** Everything the site holds for a reader's e-mail address (owners); the address goes in the body, never the URL. */
export function exportReaderData(site: string, email: string, csrfToken: string): Promise<ReaderDataExport> {
  return request(`/api/v1/sites/${encodeURIComponent(site)}/reader-data/export`, {
    method: 'POST',
    body: { email },
    csrfToken,
  });
}

/** Erases a reader's e-mail address and their words in the reports they left it with (owners). */
export function eraseReaderData(site: string, email: string, csrfToken: string): Promise<ReaderDataErasure> {
  return request(`/api/v1/sites/${encodeURIComponent(site)}/reader-data/erase`, {
    method: 'POST',
    body: { email },
    csrfToken,
  });
}

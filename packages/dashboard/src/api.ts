import type { ApiError, ErrataPage, Erratum, ErratumPatch, ErratumStatus, SessionInfo } from '@errata/core';

/** Errata the inbox asks for at once; a screenful of cards, small enough to answer fast. */
export const ERRATA_PAGE_SIZE = 50;

/** A failed API call, with the server's sentence for a person and the HTTP status (0: no answer). */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly fields: Record<string, string>;

  constructor(status: number, body: ApiError) {
    super(body.error);
    this.name = 'ApiRequestError';
    this.status = status;
    this.fields = body.fields ?? {};
  }
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
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** The session's csrfToken; required by the server on every write. */
  csrfToken?: string;
  signal?: AbortSignal;
}

// Sentences for answers that carry no {error} body (a proxy's HTML page, an empty 502).
function fallbackMessage(status: number): string {
  if (status === 401) return 'Please sign in again.';
  if (status === 403) return 'You are not allowed to do that on this site.';
  if (status === 404) return 'Not found. It may have been removed.';
  if (status === 429) return 'Too many attempts. Please wait a minute and try again.';
  if (status >= 500) return `The server had a problem (HTTP ${status}). Please try again.`;
  return `The request failed (HTTP ${status}).`;
}

async function readError(response: Response): Promise<ApiError> {
  try {
    const body: unknown = await response.json();
    if (typeof body === 'object' && body !== null && typeof (body as ApiError).error === 'string') {
      return body as ApiError;
    }
  } catch {
    // Not JSON: fall through to a sentence of our own.
  }
  return { error: fallbackMessage(response.status) };
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
  if (!response.ok) throw new ApiRequestError(response.status, await readError(response));
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

/** One page of a site's errata in one status, newest report first. */
export function listErrata(
  query: { site: string; status: ErratumStatus; cursor?: string | null },
  signal?: AbortSignal,
): Promise<ErrataPage> {
  const params = new URLSearchParams({
    site: query.site,
    status: query.status,
    limit: `${ERRATA_PAGE_SIZE}`,
  });
  if (query.cursor) params.set('cursor', query.cursor);
  return request(`/api/v1/errata?${params}`, { signal });
}

/** Moves an erratum to another status; answers the updated erratum. */
export function patchErratum(id: string, patch: ErratumPatch, csrfToken: string): Promise<Erratum> {
  return request(`/api/v1/errata/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch, csrfToken });
}

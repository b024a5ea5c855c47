import { OWNER } from './errata-server.ts';
import { HARNESS_HEADER } from './server-traffic.ts';

/** An account's API session on a test server, as the dashboard holds it: cookie and CSRF token. */
export interface ApiSession {
  /** Calls the server's API; throws unless it answers 2xx. */
  <T>(method: string, path: string, body?: unknown): Promise<T>;
  readonly userId: string;
}

/**
 * Signs `account` (the owner by default) in through the API. Sign-in is rate limited (ten a
 * minute from one address): a test file signs each account in once.
 */
export async function apiSession(serverUrl: string, account: typeof OWNER = OWNER): Promise<ApiSession> {
  const signIn = await fetch(`${serverUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [HARNESS_HEADER]: 'sign-in' },
    body: JSON.stringify(account),
  });
  if (signIn.status !== 200) throw new Error(`${account.email} could not sign in: ${await signIn.text()}`);
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const session = (await signIn.json()) as { csrfToken: string; user: { id: string } };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${serverUrl}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': session.csrfToken,
        [HARNESS_HEADER]: 'api-session',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<T>;
  };
  return Object.assign(call, { userId: session.user.id });
}

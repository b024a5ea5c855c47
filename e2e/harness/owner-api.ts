import { OWNER } from './errata-server.ts';
import { HARNESS_HEADER } from './server-traffic.ts';

/** The owner's API session on a test server, as the dashboard holds it: cookie and CSRF token. */
export type OwnerApi = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/** Signs the owner in once (sign-in is rate limited) and returns a caller of the server's API. */
export async function signInOwner(serverUrl: string): Promise<OwnerApi> {
  const signIn = await fetch(`${serverUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [HARNESS_HEADER]: 'sign-in' },
    body: JSON.stringify(OWNER),
  });
  if (signIn.status !== 200) throw new Error(`the owner could not sign in: ${await signIn.text()}`);
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  return async (method, path, body) => {
    const response = await fetch(`${serverUrl}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        [HARNESS_HEADER]: 'owner',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
}

import type { Store } from '../store/open-store.ts';
import { consumeSetupToken, insertSetupToken, isSetupTokenValid } from '../store/tokens-store.ts';
import { countUsers } from '../store/users-store.ts';
import { ErrataError } from './errors.ts';
import { checkPasswordStrength } from './passwords.ts';
import { newToken, sha256Hex } from './secrets.ts';
import { addUser, normalizeEmail } from './users.ts';

/** How long a printed setup link works. */
const SETUP_TOKEN_TTL_MS = 24 * 3600 * 1000;

/** How the first editor signs in, decided at start. */
export type FirstSignIn =
  | { kind: 'users-exist' }
  | { kind: 'owner-created'; email: string }
  | { kind: 'setup-link'; token: string };

/**
 * On a server with no account yet: creates the owner from ERRATA_ADMIN_EMAIL and
 * ERRATA_ADMIN_PASSWORD when both are given, else makes a one-time setup token (replacing
 * any earlier one) for the link the server prints.
 */
export async function prepareFirstSignIn(
  store: Store,
  admin: { email?: string | undefined; password?: string | undefined },
): Promise<FirstSignIn> {
  if ((await countUsers(store.db)) > 0) return { kind: 'users-exist' };
  if (admin.email && admin.password) {
    await addUser(store, { email: admin.email, password: admin.password, role: 'owner' });
    return { kind: 'owner-created', email: normalizeEmail(admin.email) };
  }
  const token = newToken();
  await insertSetupToken(store.db, sha256Hex(token), new Date(Date.now() + SETUP_TOKEN_TTL_MS).toISOString());
  return { kind: 'setup-link', token };
}

export async function isSetupLinkValid(store: Store, token: string): Promise<boolean> {
  return isSetupTokenValid(store.db, sha256Hex(token), new Date().toISOString());
}

/** Creates the first owner through the setup link; the link works once. Returns the new user's id. */
export async function completeSetup(
  store: Store,
  request: { token: string; email: string; password: string },
): Promise<string> {
  // Check the form before spending the one-time token on it.
  normalizeEmail(request.email);
  checkPasswordStrength(request.password);
  if ((await countUsers(store.db)) > 0) {
    throw new ErrataError('conflict', 'Errata is set up already: sign in instead.');
  }
  if (!(await consumeSetupToken(store.db, sha256Hex(request.token), new Date().toISOString()))) {
    throw new ErrataError(
      'not_found',
      'This setup link has expired or was used already. Restart the server to print a new one.',
    );
  }
  const { userId } = await addUser(store, {
    email: request.email,
    password: request.password,
    role: 'owner',
  });
  return userId;
}

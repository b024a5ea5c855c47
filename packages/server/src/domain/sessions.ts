import type { SessionInfo } from '@errata/core';
import type { Store } from '../store/open-store.ts';
import { deleteSession, findLiveSession, insertSession } from '../store/sessions-store.ts';
import { findUser, findUserByEmail, listMemberships } from '../store/users-store.ts';
import { ErrataError } from './errors.ts';
import { verifyDecoy, verifyPassword } from './passwords.ts';
import { newToken, sha256Hex } from './secrets.ts';

/** How long a dashboard session lasts without signing in again. */
export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;

/** A signed-in session: the cookie's value (the only copy of the secret) and its CSRF token. */
export interface NewSession {
  cookieValue: string;
  csrfToken: string;
  expiresAt: Date;
}

/** The user signed in by a session cookie. */
export interface SessionUser {
  sessionId: string;
  userId: string;
  csrfToken: string;
}

/** Checks an e-mail and password; returns the user id or throws one message for both kinds of mistake. */
export async function checkCredentials(store: Store, email: string, password: string): Promise<string> {
  const user = await findUserByEmail(store.db, email.trim().toLowerCase());
  if (!user) {
    await verifyDecoy(password);
  } else if (await verifyPassword(user.password_hash, password)) {
    return user.id;
  }
  throw new ErrataError('unauthorized', 'Wrong e-mail or password.');
}

export async function startSession(store: Store, userId: string): Promise<NewSession> {
  const cookieValue = newToken();
  const csrfToken = newToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await insertSession(
    store.db,
    {
      id: sha256Hex(cookieValue),
      user_id: userId,
      csrf_token: csrfToken,
      expires_at: expiresAt.toISOString(),
    },
    now.toISOString(),
  );
  return { cookieValue, csrfToken, expiresAt };
}

export async function resolveSession(store: Store, cookieValue: string): Promise<SessionUser | null> {
  const session = await findLiveSession(store.db, sha256Hex(cookieValue), new Date().toISOString());
  return session ? { sessionId: session.id, userId: session.user_id, csrfToken: session.csrf_token } : null;
}

export async function endSession(store: Store, sessionId: string): Promise<void> {
  await deleteSession(store.db, sessionId);
}

/** What the dashboard needs to know about the signed-in editor. */
export async function describeSession(store: Store, userId: string, csrfToken: string): Promise<SessionInfo> {
  const user = await findUser(store.db, userId);
  if (!user) throw new ErrataError('unauthorized', 'Your account no longer exists. Sign in again.');
  return {
    user: { id: user.id, email: user.email },
    csrfToken,
    sites: await listMemberships(store.db, userId),
  };
}

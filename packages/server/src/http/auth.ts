import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../domain/access.ts';
import { resolveApiToken } from '../domain/api-tokens.ts';
import { ErrataError } from '../domain/errors.ts';
import { sameSecret } from '../domain/secrets.ts';
import { resolveSession, type SessionUser } from '../domain/sessions.ts';
import type { Store } from '../store/open-store.ts';

/** Name of the dashboard's session cookie. */
export const SESSION_COOKIE = 'errata_session';
/** Header carrying the session's CSRF token on writes. */
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking, set by the authenticate hook. */
    principal: Principal | null;
    /** The dashboard session, when the request came with the session cookie. */
    session: SessionUser | null;
  }
}

/**
 * An onRequest hook that lets a request through only with a valid bearer token or session
 * cookie; writes made with the cookie must also carry the session's CSRF token, which a
 * page on another site cannot read. It runs before the body is parsed or validated, so a
 * caller without a credential learns nothing from the route but 401.
 */
export function authenticate(store: Store) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const [scheme, token] = authorization.split(' ');
      const resolved =
        scheme?.toLowerCase() === 'bearer' && token ? await resolveApiToken(store, token) : null;
      if (!resolved)
        throw new ErrataError(
          'unauthorized',
          'The API token is not valid: create one with errata token create.',
        );
      request.principal = { kind: 'token', siteId: resolved.siteId };
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    const session = cookie ? await resolveSession(store, cookie) : null;
    if (!session) throw new ErrataError('unauthorized', 'Sign in first.');
    const csrf = request.headers[CSRF_HEADER];
    if (
      !SAFE_METHODS.has(request.method) &&
      (typeof csrf !== 'string' || !sameSecret(csrf, session.csrfToken))
    ) {
      throw new ErrataError('forbidden', 'The CSRF token is missing or out of date: reload the page.');
    }
    request.session = session;
    request.principal = { kind: 'user', userId: session.userId };
  };
}

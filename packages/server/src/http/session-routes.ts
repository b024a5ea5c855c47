import type { SessionInfo } from '@errata/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { ErrataError } from '../domain/errors.ts';
import { completeSetup, isSetupLinkValid } from '../domain/first-owner.ts';
import { describeSession, endSession, type SessionUser, startSession } from '../domain/sessions.ts';
import { type SignInAlerts, signInWithPassword } from '../domain/sign-in.ts';
import type { Store } from '../store/open-store.ts';
import { authenticate, SESSION_COOKIE } from './auth.ts';
import { ApiErrorSchema, SessionInfoSchema, SetupSchema, SignInSchema } from './schemas.ts';

/**
 * Sign-in attempts one IP address may make per minute, whatever the accounts: enough for
 * typos, too few for guessing. Each account has its own, slower limits (sign-in-limits.ts).
 */
const SIGN_INS_PER_MINUTE = 10;

/** Starts a session for the user, sets its cookie on the reply and answers what the dashboard needs. */
export async function signInWithCookie(
  store: Store,
  reply: FastifyReply,
  userId: string,
  secureCookies: boolean,
): Promise<SessionInfo> {
  const session = await startSession(store, userId);
  reply.setCookie(SESSION_COOKIE, session.cookieValue, {
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookies,
    path: '/',
    expires: session.expiresAt,
  });
  return describeSession(store, userId, session.csrfToken);
}

/** Dashboard sessions: sign in, who am I, sign out; and the one-time setup of the first owner. */
export async function sessionRoutes(
  app: FastifyInstance,
  options: { store: Store; secureCookies: boolean; signInAlerts: SignInAlerts },
): Promise<void> {
  const { store } = options;

  const signIn = (reply: FastifyReply, userId: string) =>
    signInWithCookie(store, reply, userId, options.secureCookies);

  const throttled = {
    rateLimit: {
      max: SIGN_INS_PER_MINUTE,
      timeWindow: 60_000,
      errorResponseBuilder: (_request: unknown, context: { after: string }) =>
        Object.assign(new Error(`Too many attempts: try again in ${context.after}.`), { statusCode: 429 }),
    },
  };

  app.get(
    '/api/v1/session',
    {
      onRequest: authenticate(store),
      schema: {
        summary: 'The signed-in editor',
        tags: ['session'],
        response: { 200: SessionInfoSchema, 401: ApiErrorSchema },
      },
    },
    async (request) => {
      const session = dashboardSession(request.session);
      return describeSession(store, session.userId, session.csrfToken);
    },
  );

  app.post<{ Body: { email: string; password: string } }>(
    '/api/v1/session',
    {
      config: throttled,
      schema: {
        summary: 'Sign in',
        tags: ['session'],
        body: SignInSchema,
        response: { 200: SessionInfoSchema, 401: ApiErrorSchema, 429: ApiErrorSchema },
      },
    },
    async (request, reply) =>
      signIn(
        reply,
        await signInWithPassword(store, { ...request.body, ip: request.ip }, options.signInAlerts),
      ),
  );

  app.delete(
    '/api/v1/session',
    {
      onRequest: authenticate(store),
      schema: { summary: 'Sign out', tags: ['session'], response: { 204: Type.Null(), 401: ApiErrorSchema } },
    },
    async (request, reply) => {
      await endSession(store, dashboardSession(request.session).sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.get<{ Querystring: { token: string } }>(
    '/api/v1/setup',
    {
      config: throttled,
      schema: {
        summary: 'Whether a setup link still works',
        tags: ['session'],
        querystring: Type.Object({ token: Type.String({ minLength: 1, maxLength: 128 }) }),
        response: { 200: Type.Object({ valid: Type.Boolean() }) },
      },
    },
    async (request) => ({ valid: await isSetupLinkValid(store, request.query.token) }),
  );

  app.post<{ Body: { token: string; email: string; password: string } }>(
    '/api/v1/setup',
    {
      config: throttled,
      schema: {
        summary: 'Create the first owner through the printed setup link',
        tags: ['session'],
        body: SetupSchema,
        response: { 200: SessionInfoSchema, 400: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema },
      },
    },
    async (request, reply) => signIn(reply, await completeSetup(store, request.body)),
  );
}

/** The request's dashboard session; an API token authenticates a script, which has no session to describe or end. */
function dashboardSession(session: SessionUser | null): SessionUser {
  if (!session) {
    throw new ErrataError('unauthorized', 'This needs a dashboard session: sign in, an API token has none.');
  }
  return session;
}

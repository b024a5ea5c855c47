import { EMAIL_MODES, type EmailMode, INSTANT_FROM_MAX } from '@errata/core';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  chooseEmail,
  emailChoiceOf,
  unsubscribe,
  unsubscribeLinkTarget,
} from '../domain/email-preferences.ts';
import { escapeHtml } from '../mail/escape-html.ts';
import { loadUnsubscribeKey } from '../mail/mail-context.ts';
import type { Store } from '../store/open-store.ts';
import { authenticate } from './auth.ts';
import { ApiErrorSchema } from './schemas.ts';

const SiteParams = Type.Object({ site: Type.String({ minLength: 1, maxLength: 64 }) });

export const EmailPreferencesSchema = Type.Object({
  mode: Type.Enum([...EMAIL_MODES], {
    description: 'off, instant (a mail per reported spot) or digest (one mail a day).',
  }),
  instantFrom: Type.Integer({
    minimum: 1,
    maximum: INSTANT_FROM_MAX,
    description: 'Instant mode: mail when a spot reaches this many reports (1: every new erratum).',
  }),
});

const EmailPreferencesAnswerSchema = Type.Object({
  mode: EmailPreferencesSchema.properties.mode,
  instantFrom: EmailPreferencesSchema.properties.instantFrom,
  mailConfigured: Type.Boolean({
    description: 'False when the server has no SMTP server set: nothing is sent.',
  }),
});

/** A small HTML page for a person who clicked a link in a mail. */
const HtmlPage = { content: { 'text/html': { schema: Type.String() } } };

/** A one-click unsubscribe body is "List-Unsubscribe=One-Click"; a form adds little to it. */
const UNSUBSCRIBE_BODY_MAX_BYTES = 4096;

const UnsubscribeQuery = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 128, description: 'The token from the mail’s link.' }),
});

interface EmailRoutesOptions {
  store: Store;
  /** Whether ERRATA_SMTP_URL is set, shown to editors so a silent server is no mystery. */
  mailConfigured: boolean;
}

/** E-mail choices of the signed-in editor, and the one-click unsubscribe links in every editor's mail. */
export async function emailRoutes(app: FastifyInstance, options: EmailRoutesOptions): Promise<void> {
  const unsubscribeKey = await loadUnsubscribeKey(options.store);
  await app.register(preferencesRoutes, { ...options, unsubscribeKey });
  await app.register(unsubscribeRoutes, options);
}

async function preferencesRoutes(
  app: FastifyInstance,
  options: EmailRoutesOptions & { unsubscribeKey: string },
): Promise<void> {
  const { store } = options;
  app.addHook('onRequest', authenticate(store));

  app.get<{ Params: { site: string } }>(
    '/api/v1/sites/:site/email-preferences',
    {
      schema: {
        summary: 'Your e-mail choice for a site',
        tags: ['email'],
        params: SiteParams,
        response: {
          200: EmailPreferencesAnswerSchema,
          401: ApiErrorSchema,
          403: ApiErrorSchema,
          404: ApiErrorSchema,
        },
      },
    },
    async (request) => ({
      ...(await emailChoiceOf(store, request.principal!, request.params.site)),
      mailConfigured: options.mailConfigured,
    }),
  );

  app.put<{ Params: { site: string }; Body: { mode: EmailMode; instantFrom: number } }>(
    '/api/v1/sites/:site/email-preferences',
    {
      schema: {
        summary: 'Set your e-mail choice for a site: off, instant (from the N-th report) or a daily digest',
        tags: ['email'],
        params: SiteParams,
        body: EmailPreferencesSchema,
        response: {
          200: EmailPreferencesAnswerSchema,
          400: ApiErrorSchema,
          401: ApiErrorSchema,
          403: ApiErrorSchema,
          404: ApiErrorSchema,
        },
      },
    },
    async (request) => ({
      ...(await chooseEmail(
        store,
        request.principal!,
        request.params.site,
        request.body,
        options.unsubscribeKey,
      )),
      mailConfigured: options.mailConfigured,
    }),
  );
}

async function unsubscribeRoutes(app: FastifyInstance, options: EmailRoutesOptions): Promise<void> {
  const { store } = options;
  // RFC 8058: mail clients POST "List-Unsubscribe=One-Click" as either kind of form; the token
  // in the URL is all that counts, so the body is read (to drain it) and ignored.
  app.addContentTypeParser(
    ['application/x-www-form-urlencoded', 'multipart/form-data'],
    { parseAs: 'string', bodyLimit: UNSUBSCRIBE_BODY_MAX_BYTES },
    (_req, body, done) => done(null, body),
  );

  app.get<{ Querystring: { token: string } }>(
    '/api/v1/email/unsubscribe',
    {
      schema: {
        summary: 'The page an unsubscribe link opens: asks to confirm',
        tags: ['email'],
        querystring: UnsubscribeQuery,
        response: { 200: HtmlPage, 404: HtmlPage },
      },
    },
    async (request, reply) => {
      const target = await unsubscribeLinkTarget(store, request.query.token);
      reply.type('text/html; charset=utf-8');
      if (!target) return reply.status(404).send(unknownLinkPage());
      const { siteName } = target;
      if (target.mode === 'off') {
        return page('Unsubscribed', `<p>You get no more e-mail about ${escapeHtml(siteName)}.</p>`);
      }
      const action = `?token=${encodeURIComponent(request.query.token)}`;
      return page(
        'Unsubscribe',
        `<p>Stop all Errata e-mail about <strong>${escapeHtml(siteName)}</strong>?</p>` +
          `<form method="post" action="${escapeHtml(action)}">` +
          `<input type="hidden" name="List-Unsubscribe" value="One-Click">` +
          `<button type="submit">Unsubscribe</button></form>`,
      );
    },
  );

  app.post<{ Querystring: { token: string } }>(
    '/api/v1/email/unsubscribe',
    {
      schema: {
        summary: 'One-click unsubscribe (RFC 8058): turns the editor’s e-mail for the site off',
        tags: ['email'],
        querystring: UnsubscribeQuery,
        response: { 200: HtmlPage, 404: HtmlPage },
      },
    },
    async (request, reply) => {
      const done = await unsubscribe(store, request.query.token);
      reply.type('text/html; charset=utf-8');
      if (!done) return reply.status(404).send(unknownLinkPage());
      return page(
        'Unsubscribed',
        '<p>You are unsubscribed. You can choose e-mail again in the dashboard’s notifications.</p>',
      );
    },
  );
}

function unknownLinkPage(): string {
  return page(
    'Link not valid',
    '<p>This unsubscribe link is not valid. Change your e-mail choices in the dashboard.</p>',
  );
}

function page(title: string, body: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
    `<title>${escapeHtml(title)} · Errata</title></head>` +
    `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem">` +
    `<h1>${escapeHtml(title)}</h1>${body}</body></html>`
  );
}

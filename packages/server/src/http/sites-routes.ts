import type { MemberRole, SiteSettingsPatch } from '@errata/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ErrataError } from '../domain/errors.ts';
import {
  acceptInvitation,
  createInvitation,
  listSiteInvitations,
  previewInvitation,
  revokeSiteInvitation,
} from '../domain/invitations.ts';
import { changeMemberRole, listMembers, removeMember } from '../domain/members.ts';
import { describeSession } from '../domain/sessions.ts';
import { createSiteAsOwner, getSiteSettings, updateSiteSettings } from '../domain/site-settings.ts';
import type { Store } from '../store/open-store.ts';
import { authenticate } from './auth.ts';
import { ApiErrorSchema, SessionInfoSchema } from './schemas.ts';
import { signInWithCookie } from './session-routes.ts';
import {
  AcceptInvitationSchema,
  CreatedInvitationSchema,
  InvitationParams,
  InvitationPreviewSchema,
  InvitationSchema,
  InvitationsSchema,
  InvitationTokenParams,
  MemberParams,
  MemberSchema,
  MembersSchema,
  NewInvitationSchema,
  NewSiteSchema,
  RoleSchema,
  SiteParams,
  SiteSettingsPatchSchema,
  SiteSettingsSchema,
} from './site-schemas.ts';

/** Look-ups of invitation links one IP address may make per minute: plenty for people, too few to guess. */
const INVITATION_CALLS_PER_MINUTE = 20;
/** Accepting checks an existing account's password: no looser than sign-in's limit (session-routes.ts). */
const ACCEPTS_PER_MINUTE = 10;

const errors = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
};

/** Sites, their members and invitations; every editor route is scoped by membership of the site. */
export async function sitesRoutes(
  app: FastifyInstance,
  options: {
    store: Store;
    publicUrl: string;
    secureCookies: boolean;
    /** Told of a new site: with ERRATA_DEMO=auto the demo newsroom turns off once one exists. */
    onSiteCreated?: () => void;
  },
): Promise<void> {
  const { store } = options;

  await app.register(async (editor) => {
    editor.addHook('onRequest', authenticate(store));

    editor.post<{ Body: { id: string; name: string; allowedOrigins: string[] } }>(
      '/api/v1/sites',
      {
        schema: {
          summary: 'Create a site (owners of a site may); the creator becomes its owner',
          tags: ['sites'],
          body: NewSiteSchema,
          response: { 201: SiteSettingsSchema, ...errors, 409: ApiErrorSchema },
        },
      },
      async (request, reply) => {
        const created = await createSiteAsOwner(store, request.principal!, request.body);
        options.onSiteCreated?.();
        return reply.status(201).send(created);
      },
    );

    editor.get<{ Params: { site: string } }>(
      '/api/v1/sites/:site',
      {
        schema: {
          summary: "A site's settings (any member)",
          tags: ['sites'],
          params: SiteParams,
          response: { 200: SiteSettingsSchema, ...errors },
        },
      },
      async (request) => getSiteSettings(store, request.principal!, request.params.site),
    );

    editor.patch<{ Params: { site: string }; Body: SiteSettingsPatch }>(
      '/api/v1/sites/:site',
      {
        schema: {
          summary: "Change a site's settings (owners)",
          tags: ['sites'],
          params: SiteParams,
          body: SiteSettingsPatchSchema,
          response: { 200: SiteSettingsSchema, ...errors },
        },
      },
      async (request) => updateSiteSettings(store, request.principal!, request.params.site, request.body),
    );

    editor.get<{ Params: { site: string } }>(
      '/api/v1/sites/:site/members',
      {
        schema: {
          summary: "A site's members and their roles (any member)",
          tags: ['sites'],
          params: SiteParams,
          response: { 200: MembersSchema, ...errors },
        },
      },
      async (request) => ({ members: await listMembers(store, request.principal!, request.params.site) }),
    );

    editor.patch<{ Params: { site: string; userId: string }; Body: { role: MemberRole } }>(
      '/api/v1/sites/:site/members/:userId',
      {
        schema: {
          summary: "Change a member's role (owners; the last owner stays owner)",
          tags: ['sites'],
          params: MemberParams,
          body: Type.Object({ role: RoleSchema }),
          response: { 200: MemberSchema, ...errors },
        },
      },
      async (request) =>
        changeMemberRole(
          store,
          request.principal!,
          request.params.site,
          request.params.userId,
          request.body.role,
        ),
    );

    editor.delete<{ Params: { site: string; userId: string } }>(
      '/api/v1/sites/:site/members/:userId',
      {
        schema: {
          summary: 'Remove a member (owners), or leave the site (yourself)',
          tags: ['sites'],
          params: MemberParams,
          response: { 204: Type.Null(), ...errors },
        },
      },
      async (request, reply) => {
        await removeMember(store, request.principal!, request.params.site, request.params.userId);
        return reply.status(204).send();
      },
    );

    editor.post<{ Params: { site: string }; Body: { role: MemberRole; email?: string } }>(
      '/api/v1/sites/:site/invitations',
      {
        schema: {
          summary: 'Invite someone by link (owners); the link is shown this once',
          tags: ['sites'],
          params: SiteParams,
          body: NewInvitationSchema,
          response: { 201: CreatedInvitationSchema, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await createInvitation(
              store,
              request.principal!,
              request.params.site,
              request.body,
              options.publicUrl,
            ),
          ),
    );

    editor.get<{ Params: { site: string } }>(
      '/api/v1/sites/:site/invitations',
      {
        schema: {
          summary: "A site's invitations, newest first (owners; without their links)",
          tags: ['sites'],
          params: SiteParams,
          response: { 200: InvitationsSchema, ...errors },
        },
      },
      async (request) => ({
        invitations: await listSiteInvitations(store, request.principal!, request.params.site),
      }),
    );

    editor.delete<{ Params: { site: string; invitationId: string } }>(
      '/api/v1/sites/:site/invitations/:invitationId',
      {
        schema: {
          summary: 'Withdraw an invitation (owners); its link stops working',
          tags: ['sites'],
          params: InvitationParams,
          response: { 200: InvitationSchema, ...errors },
        },
      },
      async (request) =>
        revokeSiteInvitation(store, request.principal!, request.params.site, request.params.invitationId),
    );
  });

  const throttled = (max: number) => ({
    rateLimit: {
      max,
      timeWindow: 60_000,
      errorResponseBuilder: (_request: unknown, context: { after: string }) =>
        Object.assign(new Error(`Too many attempts: try again in ${context.after}.`), { statusCode: 429 }),
    },
  });

  app.get<{ Params: { token: string } }>(
    '/api/v1/invitations/:token',
    {
      config: throttled(INVITATION_CALLS_PER_MINUTE),
      schema: {
        summary: 'What an invitation link offers: the site and the role',
        tags: ['sites'],
        params: InvitationTokenParams,
        response: { 200: InvitationPreviewSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => previewInvitation(store, request.params.token),
  );

  app.post<{ Params: { token: string }; Body: { email?: string; password?: string } }>(
    '/api/v1/invitations/:token/accept',
    {
      config: throttled(ACCEPTS_PER_MINUTE),
      schema: {
        summary:
          'Accept an invitation: signed in (session + CSRF), or with an e-mail and password (creates the account or signs in)',
        tags: ['sites'],
        params: InvitationTokenParams,
        body: AcceptInvitationSchema,
        response: { 200: SessionInfoSchema, ...errors, 409: ApiErrorSchema },
      },
    },
    async (request, reply) => acceptByRequest(store, request, reply, options.secureCookies),
  );
}

async function acceptByRequest(
  store: Store,
  request: FastifyRequest<{ Params: { token: string }; Body: { email?: string; password?: string } }>,
  reply: FastifyReply,
  secureCookies: boolean,
) {
  const { email, password } = request.body;
  if (email !== undefined || password !== undefined) {
    if (!email || !password) {
      throw new ErrataError('invalid', 'Give both an e-mail address and a password.', {
        ...(email ? {} : { email: 'is required' }),
        ...(password ? {} : { password: 'is required' }),
      });
    }
    const { userId } = await acceptInvitation(store, request.params.token, {
      email,
      password,
      ip: request.ip,
    });
    return signInWithCookie(store, reply, userId, secureCookies);
  }
  try {
    await authenticate(store)(request, reply);
  } catch (error) {
    if (error instanceof ErrataError && error.kind === 'unauthorized') {
      throw new ErrataError(
        'unauthorized',
        'Sign in, or give an e-mail address and a password to create an account.',
      );
    }
    throw error;
  }
  if (request.principal?.kind !== 'user' || !request.session) {
    throw new ErrataError('forbidden', 'An API token cannot accept invitations: sign in as a person.');
  }
  await acceptInvitation(store, request.params.token, { userId: request.session.userId });
  return describeSession(store, request.session.userId, request.session.csrfToken);
}

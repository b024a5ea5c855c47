import {
  LANG_MAX,
  PASSWORD_MIN_LENGTH,
  RETENTION_DAYS_MAX,
  RETENTION_DAYS_MIN,
  SITE_KEY_MAX,
} from '@errata/core';
import { Type } from 'typebox';
import {
  CMS_LINK_TEMPLATE_MAX,
  DESK_KINDS,
  DESK_NAME_MAX,
  ROOT_SELECTOR_MAX,
  SITE_NAME_MAX,
} from '../domain/site-settings.ts';

// Schemas of the site, member and invitation routes (sites-routes.ts).

const ORIGINS_MAX = 50;

export const RoleSchema = Type.Enum(['owner', 'editor', 'viewer'], {
  description: 'owner (manages the site), editor (triages) or viewer (reads).',
});

export const SiteParams = Type.Object({
  site: Type.String({ minLength: 1, maxLength: SITE_KEY_MAX, description: 'The site id.' }),
});
export const MemberParams = Type.Object({
  site: Type.String({ minLength: 1, maxLength: SITE_KEY_MAX }),
  userId: Type.String({ minLength: 1, maxLength: 64 }),
});
export const InvitationParams = Type.Object({
  site: Type.String({ minLength: 1, maxLength: SITE_KEY_MAX }),
  invitationId: Type.String({ minLength: 1, maxLength: 64 }),
});
export const InvitationTokenParams = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 128, description: "The invitation link's token." }),
});

const OriginsSchema = Type.Array(Type.String({ minLength: 1, maxLength: 2000 }), {
  minItems: 1,
  maxItems: ORIGINS_MAX,
  description: 'Origins whose pages may report, e.g. https://news.example.org; "self" is this server.',
});

const DesksSchema = Type.Record(Type.String(), Type.String({ maxLength: DESK_NAME_MAX }), {
  description: `Report kind (${DESK_KINDS.join(', ')}) → desk name; an empty name removes the routing.`,
});

export const SiteSettingsSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  publicKey: Type.String(),
  allowedOrigins: Type.Array(Type.String()),
  rootSelector: Type.Union([Type.String(), Type.Null()]),
  defaultLang: Type.Union([Type.String(), Type.Null()]),
  desks: Type.Record(Type.String(), Type.String()),
  cmsLinkTemplate: Type.Union([Type.String(), Type.Null()]),
  publicLog: Type.Boolean(),
  readerEmail: Type.Boolean(),
  proofOfWork: Type.Boolean(),
  proofreadOnFirstReport: Type.Boolean(),
  retentionDays: Type.Union([Type.Integer(), Type.Null()]),
  role: RoleSchema,
});

export const SiteSettingsPatchSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: SITE_NAME_MAX })),
    allowedOrigins: Type.Optional(OriginsSchema),
    rootSelector: Type.Optional(Type.Union([Type.String({ maxLength: ROOT_SELECTOR_MAX }), Type.Null()])),
    defaultLang: Type.Optional(Type.Union([Type.String({ maxLength: LANG_MAX }), Type.Null()])),
    desks: Type.Optional(DesksSchema),
    cmsLinkTemplate: Type.Optional(
      Type.Union([Type.String({ maxLength: CMS_LINK_TEMPLATE_MAX }), Type.Null()], {
        description: 'Link into the CMS editor; {url}, {path} and {id} are filled in.',
      }),
    ),
    publicLog: Type.Optional(Type.Boolean()),
    readerEmail: Type.Optional(Type.Boolean()),
    proofOfWork: Type.Optional(
      Type.Boolean({
        description:
          "Readers' browsers solve a proof-of-work challenge (about a second) with each report: it slows scripted floods down.",
      }),
    ),
    proofreadOnFirstReport: Type.Optional(
      Type.Boolean({
        description:
          'The proofreader reads a page when it is first reported and proposes the mistakes it is sure of (on by default).',
      }),
    ),
    retentionDays: Type.Optional(
      Type.Union([Type.Integer({ minimum: RETENTION_DAYS_MIN, maximum: RETENTION_DAYS_MAX }), Type.Null()], {
        description:
          "Days a closed erratum's reports are kept after its decision, then deleted (the erratum and its count stay); null keeps them until deleted.",
      }),
    ),
  },
  { minProperties: 1, additionalProperties: false },
);

export const NewSiteSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 63, description: 'Lower-case letters, digits and dashes.' }),
  name: Type.String({ minLength: 1, maxLength: SITE_NAME_MAX }),
  allowedOrigins: OriginsSchema,
});

export const MemberSchema = Type.Object({ userId: Type.String(), email: Type.String(), role: RoleSchema });
export const MembersSchema = Type.Object({ members: Type.Array(MemberSchema) });

export const InvitationSchema = Type.Object({
  id: Type.String(),
  role: RoleSchema,
  email: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  expiresAt: Type.String(),
  state: Type.Enum(['pending', 'accepted', 'expired', 'revoked']),
  acceptedBy: Type.Union([Type.String(), Type.Null()]),
});
export const InvitationsSchema = Type.Object({ invitations: Type.Array(InvitationSchema) });

export const NewInvitationSchema = Type.Object({
  role: RoleSchema,
  email: Type.Optional(
    Type.String({ maxLength: 254, description: 'Whom the link is for, shown in the list only.' }),
  ),
});

export const CreatedInvitationSchema = Type.Object({
  id: Type.String(),
  url: Type.String({ description: 'The link to send; shown this once.' }),
  expiresAt: Type.String(),
});

export const InvitationPreviewSchema = Type.Object({
  site: Type.String(),
  siteName: Type.String(),
  role: RoleSchema,
  expiresAt: Type.String(),
});

export const AcceptInvitationSchema = Type.Object({
  email: Type.Optional(Type.String({ minLength: 1, maxLength: 254 })),
  password: Type.Optional(Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: 256 })),
});

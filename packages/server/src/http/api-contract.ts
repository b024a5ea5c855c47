/**
 * The API's contract, checked where it is declared twice: core's types (what the widget and
 * the dashboard read and send) and the TypeBox schemas (what the server validates, and what
 * Fastify's serializer keeps: a field the schema does not name is dropped silently). Each
 * line below fails the type check (npm test runs tsc) when the two stop describing the same
 * value (ApiContract accepts only true entries); nothing here runs.
 */
import type {
  ApiError,
  BulkErrataChange,
  BulkErrataResult,
  CreatedInvitation,
  CreatedWebhook,
  DeliveryLogEntry,
  DeliveryPage,
  ErrataPage,
  Erratum,
  ErratumDetail,
  ErratumHistoryEvent,
  ErratumPatch,
  InvitationPreview,
  ProofreadResult,
  ReaderDataErasure,
  ReaderDataExport,
  ReportInput,
  ReportReceipt,
  SessionInfo,
  SiteInvitation,
  SiteMember,
  SiteSettings,
  SiteSettingsPatch,
  SiteWord,
  Webhook,
  WebhookTestResult,
} from '@errata/core';
import type { Static, TSchema } from 'typebox';
import type * as errata from './errata-schemas.ts';
import type * as notification from './notification-schemas.ts';
import type * as proofread from './proofread-routes.ts';
import type * as readerData from './reader-data-schemas.ts';
import type * as api from './schemas.ts';
import type * as site from './site-schemas.ts';

/** true when A and B are the same type (not merely assignable one way). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** The value a schema describes, as core spells it. */
type Agrees<S extends TSchema, Core> = Same<Static<S>, Core>;

/** Accepts only a list of `true`: a false entry names the schema that drifted from core. */
type AllTrue<T extends true[]> = T;

export type ApiContract = AllTrue<
  [
    Agrees<typeof api.ApiErrorSchema, ApiError>,
    Agrees<typeof api.ReportInputSchema, ReportInput>,
    Agrees<typeof api.ReportReceiptSchema, ReportReceipt>,
    Agrees<typeof api.ErratumSchema, Erratum>,
    Agrees<typeof api.ErrataPageSchema, ErrataPage>,
    Agrees<typeof api.SessionInfoSchema, SessionInfo>,
    Agrees<typeof errata.ErratumPatchSchema, ErratumPatch>,
    Agrees<typeof errata.HistoryEventSchema, ErratumHistoryEvent>,
    Agrees<typeof errata.ErratumDetailSchema, ErratumDetail>,
    Agrees<typeof errata.BulkBodySchema, BulkErrataChange>,
    Agrees<typeof errata.BulkResultSchema, BulkErrataResult>,
    Agrees<typeof site.SiteSettingsSchema, SiteSettings>,
    Agrees<typeof site.SiteSettingsPatchSchema, SiteSettingsPatch>,
    Agrees<typeof site.MemberSchema, SiteMember>,
    Agrees<typeof site.InvitationSchema, SiteInvitation>,
    Agrees<typeof site.CreatedInvitationSchema, CreatedInvitation>,
    Agrees<typeof site.InvitationPreviewSchema, InvitationPreview>,
    Agrees<typeof notification.WebhookSchema, Webhook>,
    Agrees<typeof notification.CreatedWebhookSchema, CreatedWebhook>,
    Agrees<typeof notification.WebhookTestResultSchema, WebhookTestResult>,
    Agrees<typeof notification.DeliveryLogEntrySchema, DeliveryLogEntry>,
    Agrees<typeof notification.DeliveryPageSchema, DeliveryPage>,
    Agrees<typeof readerData.ReaderDataExportSchema, ReaderDataExport>,
    Agrees<typeof readerData.ReaderDataErasureSchema, ReaderDataErasure>,
    Agrees<typeof proofread.ProofreadResultSchema, ProofreadResult>,
    Agrees<typeof proofread.SiteWordSchema, SiteWord>,
  ]
>;

import {
  REPORT_KINDS,
  RETENTION_DAYS_MAX,
  RETENTION_DAYS_MIN,
  type ReportKind,
  type SiteSettings,
  type SiteSettingsPatch,
} from '@errata/core';

/** The settings form's values, as the inputs hold them (text, one origin a line). */
export interface SiteSettingsForm {
  name: string;
  origins: string;
  rootSelector: string;
  defaultLang: string;
  desks: Record<ReportKind, string>;
  cmsLinkTemplate: string;
  publicLog: boolean;
  readerEmail: boolean;
  proofOfWork: boolean;
  /** Whether the proofreader reads a page when a reader first reports on it. */
  proofreadOnFirstReport: boolean;
  /** Days a closed erratum's reports are kept, as typed; empty keeps them. */
  retentionDays: string;
}

/** The form's fields, in the order they are shown; server errors are matched to them by these names. */
export const SETTINGS_FIELDS = [
  'name',
  'allowedOrigins',
  'rootSelector',
  'defaultLang',
  'desks',
  'cmsLinkTemplate',
  'publicLog',
  'readerEmail',
  'proofOfWork',
  'proofreadOnFirstReport',
  'retentionDays',
] as const;
export type SettingsField = (typeof SETTINGS_FIELDS)[number];

export function formOf(settings: SiteSettings): SiteSettingsForm {
  const desks = Object.fromEntries(REPORT_KINDS.map((kind) => [kind, settings.desks[kind] ?? ''])) as Record<
    ReportKind,
    string
  >;
  return {
    name: settings.name,
    origins: settings.allowedOrigins.join('\n'),
    rootSelector: settings.rootSelector ?? '',
    defaultLang: settings.defaultLang ?? '',
    desks,
    cmsLinkTemplate: settings.cmsLinkTemplate ?? '',
    publicLog: settings.publicLog,
    readerEmail: settings.readerEmail,
    proofOfWork: settings.proofOfWork,
    proofreadOnFirstReport: settings.proofreadOnFirstReport,
    retentionDays: settings.retentionDays === null ? '' : String(settings.retentionDays),
  };
}

/** Origins typed one a line (or separated by commas or spaces), without blanks. */
export function originsOf(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((origin) => origin.trim())
    .filter(Boolean);
}

/**
 * What the owner changed, as a PATCH body: only the fields that differ from the saved
 * settings; empty text clears a setting.
 * @example patchOf(saved, { ...formOf(saved), name: 'The Courier' }) // { name: 'The Courier' }
 */
export function patchOf(saved: SiteSettings, form: SiteSettingsForm): SiteSettingsPatch {
  const before = formOf(saved);
  const patch: SiteSettingsPatch = {};
  if (form.name.trim() !== before.name) patch.name = form.name.trim();
  const origins = originsOf(form.origins);
  if (origins.join('\n') !== saved.allowedOrigins.join('\n')) patch.allowedOrigins = origins;
  if (form.rootSelector.trim() !== before.rootSelector) patch.rootSelector = form.rootSelector.trim() || null;
  if (form.defaultLang.trim() !== before.defaultLang) patch.defaultLang = form.defaultLang.trim() || null;
  if (REPORT_KINDS.some((kind) => form.desks[kind].trim() !== before.desks[kind])) {
    patch.desks = Object.fromEntries(REPORT_KINDS.map((kind) => [kind, form.desks[kind].trim()]));
  }
  if (form.cmsLinkTemplate.trim() !== before.cmsLinkTemplate) {
    patch.cmsLinkTemplate = form.cmsLinkTemplate.trim() || null;
  }
  if (form.publicLog !== before.publicLog) patch.publicLog = form.publicLog;
  if (form.readerEmail !== before.readerEmail) patch.readerEmail = form.readerEmail;
  if (form.proofOfWork !== before.proofOfWork) patch.proofOfWork = form.proofOfWork;
  if (form.proofreadOnFirstReport !== before.proofreadOnFirstReport) {
    patch.proofreadOnFirstReport = form.proofreadOnFirstReport;
  }
  const days = retentionDaysOf(form.retentionDays);
  if (days !== undefined && days !== saved.retentionDays) patch.retentionDays = days;
  return patch;
}

/** What the owner may type as retention, for the field's error. */
export const RETENTION_RULE = `a whole number of days from ${RETENTION_DAYS_MIN} to ${RETENTION_DAYS_MAX}, or empty to keep reports`;

/**
 * The retention typed: a number of days, null for none (empty), or undefined when it is not a
 * whole number, which the form refuses before sending (the server checks the range).
 * @example retentionDaysOf(' 30 ') === 30; retentionDaysOf('') === null; retentionDaysOf('a month') === undefined
 */
export function retentionDaysOf(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}

/**
 * Server field errors keyed by the form's fields: "allowedOrigins.1" and "desks.factual"
 * belong to allowedOrigins and desks.
 */
export function fieldErrorsOf(fields: Record<string, string>): Partial<Record<SettingsField, string>> {
  const errors: Partial<Record<SettingsField, string>> = {};
  for (const [path, message] of Object.entries(fields)) {
    const field = path.split(/[./]/)[0] as SettingsField;
    if ((SETTINGS_FIELDS as readonly string[]).includes(field) && !errors[field]) errors[field] = message;
  }
  return errors;
}

/** What each role may do, in a sentence for the invitation screen. */
export const ROLE_DUTIES = {
  owner: "Owners manage the site's settings, members and invitations, and triage its errata.",
  editor: "Editors triage the site's errata: mark them fixed, not a mistake or spam.",
  viewer: "Viewers read the site's errata.",
} as const;

/** The invitation's role in words, for the role picker. */
export const ROLE_WORDS = {
  owner: 'Owner: manages settings, members and invitations',
  editor: 'Editor: triages errata',
  viewer: 'Viewer: reads errata',
} as const;

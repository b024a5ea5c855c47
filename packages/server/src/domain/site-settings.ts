import {
  LANG_MAX,
  type MemberRole,
  REPORT_KINDS,
  RETENTION_DAYS_MAX,
  RETENTION_DAYS_MIN,
  type SiteSettings,
  type SiteSettingsPatch,
} from '@errata/core';
import type { Updateable } from 'kysely';
import { parseDesks } from '../store/inbox-sites.ts';
import { ownsAnySite } from '../store/members-store.ts';
import type { Store } from '../store/open-store.ts';
import type { SiteTable } from '../store/schema.ts';
import { type SiteRow, toSite } from '../store/sites-store.ts';
import { upsertMember } from '../store/users-store.ts';
import { type Principal, requireRole } from './access.ts';
import { ErrataError } from './errors.ts';
import { parseRootSelector } from './root-selector.ts';
import { createSite, normalizeOrigins } from './sites.ts';

export const SITE_NAME_MAX = 100;
export const ROOT_SELECTOR_MAX = 500;
export const DESK_NAME_MAX = 60;
export const CMS_LINK_TEMPLATE_MAX = 2000;
/** Report kinds a site may route to desks. */
export const DESK_KINDS = REPORT_KINDS;
/** The placeholders a CMS link template may use; each is filled with the erratum's value, URL-encoded. */
export const CMS_PLACEHOLDERS = ['{url}', '{path}', '{id}'] as const;

function toSettings(row: SiteRow, role: MemberRole): SiteSettings {
  return {
    ...toSite(row),
    defaultLang: row.default_lang,
    desks: parseDesks(row.desks),
    cmsLinkTemplate: row.cms_link_template,
    publicLog: row.public_log === 1,
    readerEmail: row.reader_email === 1,
    proofOfWork: Number(row.proof_of_work) === 1,
    proofreadOnFirstReport: Number(row.proofread_on_first_report) === 1,
    retentionDays: row.retention_days === null ? null : Number(row.retention_days),
    role,
  };
}

async function siteRow(store: Store, siteId: string): Promise<SiteRow> {
  const row = await store.db.selectFrom('sites').selectAll().where('id', '=', siteId).executeTakeFirst();
  if (!row) throw new ErrataError('not_found', `No site "${siteId}" that you are a member of.`);
  return row;
}

/** A site's settings, for any of its members. */
export async function getSiteSettings(
  store: Store,
  principal: Principal,
  siteId: string,
): Promise<SiteSettings> {
  const role = await requireRole(store, principal, siteId, 'viewer');
  return toSettings(await siteRow(store, siteId), role);
}

/** An owner changes some of a site's settings; each is checked, and nothing is saved if one is wrong. */
export async function updateSiteSettings(
  store: Store,
  principal: Principal,
  siteId: string,
  patch: SiteSettingsPatch,
): Promise<SiteSettings> {
  const role = await requireRole(store, principal, siteId, 'owner');
  const values: Updateable<SiteTable> = {};
  const fields: Record<string, string> = {};
  const sentences: string[] = [];
  const check = (field: string, apply: () => void) => {
    try {
      apply();
    } catch (error) {
      if (!(error instanceof ErrataError)) throw error;
      fields[field] = error.fields?.[field] ?? error.message;
      sentences.push(error.message);
    }
  };

  if (patch.name !== undefined) check('name', () => (values.name = checkSiteName(patch.name as string)));
  if (patch.allowedOrigins !== undefined) {
    const origins = patch.allowedOrigins;
    check('allowedOrigins', () => {
      values.allowed_origins = JSON.stringify(normalizeOrigins(origins, 'allowedOrigins'));
    });
  }
  if (patch.rootSelector !== undefined) {
    check('rootSelector', () => (values.root_selector = checkRootSelector(patch.rootSelector ?? null)));
  }
  if (patch.defaultLang !== undefined) {
    check('defaultLang', () => (values.default_lang = checkLanguageTag(patch.defaultLang ?? null)));
  }
  if (patch.desks !== undefined) {
    const desks = patch.desks;
    check('desks', () => (values.desks = checkDesks(desks)));
  }
  if (patch.cmsLinkTemplate !== undefined) {
    check(
      'cmsLinkTemplate',
      () => (values.cms_link_template = checkCmsLinkTemplate(patch.cmsLinkTemplate ?? null)),
    );
  }
  if (patch.publicLog !== undefined) values.public_log = patch.publicLog ? 1 : 0;
  if (patch.readerEmail !== undefined) values.reader_email = patch.readerEmail ? 1 : 0;
  if (patch.proofOfWork !== undefined) values.proof_of_work = patch.proofOfWork ? 1 : 0;
  if (patch.proofreadOnFirstReport !== undefined)
    values.proofread_on_first_report = patch.proofreadOnFirstReport ? 1 : 0;
  if (patch.retentionDays !== undefined) {
    const days = patch.retentionDays;
    check('retentionDays', () => (values.retention_days = checkRetentionDays(days)));
  }

  if (sentences.length > 0) {
    const more =
      sentences.length > 1
        ? ` (and ${sentences.length - 1} more problem${sentences.length > 2 ? 's' : ''})`
        : '';
    throw new ErrataError('invalid', `${sentences[0]}${more}`, fields);
  }
  if (Object.keys(values).length > 0) {
    await store.db.updateTable('sites').set(values).where('id', '=', siteId).execute();
  }
  return toSettings(await siteRow(store, siteId), role);
}

function checkSiteName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > SITE_NAME_MAX) {
    throw new ErrataError('invalid', `A site name is 1–${SITE_NAME_MAX} characters.`, {
      name: `must be 1–${SITE_NAME_MAX} characters`,
    });
  }
  return trimmed;
}

/** Whole days from RETENTION_DAYS_MIN to RETENTION_DAYS_MAX, or null to keep reports until an editor deletes them. */
export function checkRetentionDays(days: number | null): number | null {
  if (days === null) return null;
  if (!Number.isInteger(days) || days < RETENTION_DAYS_MIN || days > RETENTION_DAYS_MAX) {
    const rule = `must be a whole number of days from ${RETENTION_DAYS_MIN} to ${RETENTION_DAYS_MAX}, or empty to keep reports until deleted`;
    throw new ErrataError('invalid', `Retention ${rule}.`, { retentionDays: rule });
  }
  return days;
}

/** A root selector the server can evaluate too (domain/root-selector.ts), or null for the widget's default. */
export function checkRootSelector(selector: string | null): string | null {
  const trimmed = selector?.trim() ?? '';
  if (trimmed === '') return null;
  if (trimmed.length > ROOT_SELECTOR_MAX || parseRootSelector(trimmed) === null) {
    throw new ErrataError(
      'invalid',
      `"${selector}" is not a selector Errata understands: use tags, #ids, .classes, [attributes] and spaces or >, e.g. "main .article-body".`,
      { rootSelector: 'use tags, #ids, .classes, [attributes], spaces or >, e.g. main .article-body' },
    );
  }
  return trimmed;
}

/** A BCP 47 language tag in its canonical case ("pt-br" → "pt-BR"), or null to clear it. */
export function checkLanguageTag(tag: string | null): string | null {
  const trimmed = tag?.trim() ?? '';
  if (trimmed === '') return null;
  const message = 'must be a language tag such as en, de or pt-BR';
  if (trimmed.length > LANG_MAX || !/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(trimmed)) {
    throw new ErrataError('invalid', `"${tag}" ${message}.`, { defaultLang: message });
  }
  try {
    return Intl.getCanonicalLocales(trimmed)[0] ?? trimmed;
  } catch {
    throw new ErrataError('invalid', `"${tag}" ${message}.`, { defaultLang: message });
  }
}

/** Report kind → desk name, without empty entries; unknown kinds are refused. */
export function checkDesks(desks: Record<string, string>): string {
  const kept: Record<string, string> = {};
  for (const [kind, desk] of Object.entries(desks)) {
    if (!(DESK_KINDS as readonly string[]).includes(kind)) {
      throw new ErrataError('invalid', `"${kind}" is not a report kind (${DESK_KINDS.join(', ')}).`, {
        desks: `"${kind}" is not a report kind`,
      });
    }
    const name = desk.trim();
    if (name.length > DESK_NAME_MAX) {
      throw new ErrataError('invalid', `A desk name is at most ${DESK_NAME_MAX} characters.`, {
        desks: `desk names are at most ${DESK_NAME_MAX} characters`,
      });
    }
    if (name) kept[kind] = name;
  }
  return JSON.stringify(kept);
}

/** An http(s) URL template with only {url}, {path} and {id} placeholders, or null to clear it. */
export function checkCmsLinkTemplate(template: string | null): string | null {
  const trimmed = template?.trim() ?? '';
  if (trimmed === '') return null;
  const message = `must be an http(s) address, with ${CMS_PLACEHOLDERS.join(', ')} where the page or erratum goes`;
  let sample = trimmed;
  for (const placeholder of CMS_PLACEHOLDERS) sample = sample.split(placeholder).join('x');
  const unknown = /\{[^}]*\}/.exec(sample);
  if (unknown) {
    const text = `${unknown[0]} is not a placeholder: use ${CMS_PLACEHOLDERS.join(', ')}`;
    throw new ErrataError('invalid', `${text}.`, { cmsLinkTemplate: text });
  }
  let parsed: URL | null = null;
  try {
    parsed = new URL(sample);
  } catch {
    parsed = null;
  }
  if (
    trimmed.length > CMS_LINK_TEMPLATE_MAX ||
    !parsed ||
    (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
  ) {
    throw new ErrataError('invalid', `The CMS link template ${message}.`, { cmsLinkTemplate: message });
  }
  return trimmed;
}

/** A signed-in owner of some site creates another site and becomes its owner. */
export async function createSiteAsOwner(
  store: Store,
  principal: Principal,
  request: { id: string; name: string; allowedOrigins: string[] },
): Promise<SiteSettings> {
  if (principal.kind !== 'user' || !(await ownsAnySite(store.db, principal.userId))) {
    throw new ErrataError(
      'forbidden',
      'Only an owner of a site may create sites. Ask an owner to create it.',
    );
  }
  const site = await createSite(store, {
    id: request.id.trim(),
    name: checkSiteName(request.name),
    origins: normalizeOrigins(request.allowedOrigins, 'allowedOrigins'),
  });
  await upsertMember(store.db, site.id, principal.userId, 'owner', new Date().toISOString());
  return getSiteSettings(store, principal, site.id);
}

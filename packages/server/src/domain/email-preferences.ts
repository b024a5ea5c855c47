/**
 * An editor's e-mail choices per site, and the one-click unsubscribe links in their mail:
 * the rules the e-mail routes apply, over the store.
 */
import type { EmailMode } from '@errata/core';
import { unsubscribeTokenHash } from '../mail/unsubscribe-link.ts';
import {
  findEmailPreference,
  findPreferenceByTokenHash,
  saveEmailPreference,
  turnOffByTokenHash,
} from '../store/email-preferences-store.ts';
import type { Store } from '../store/open-store.ts';
import { findSite } from '../store/sites-store.ts';
import { type Principal, requireRole } from './access.ts';
import { ErrataError } from './errors.ts';
import { sha256Hex } from './secrets.ts';

/** An editor's choice for one site. */
export interface EmailChoice {
  mode: EmailMode;
  /** Instant mode: mail when a spot reaches this many reports (1: every new erratum). */
  instantFrom: number;
}

/** The signed-in editor's choice for a site they may see; off until they choose. */
export async function emailChoiceOf(
  store: Store,
  principal: Principal,
  siteId: string,
): Promise<EmailChoice> {
  const userId = editorOf(principal);
  await requireRole(store, principal, siteId, 'viewer');
  const preference = await findEmailPreference(store.db, userId, siteId);
  return { mode: preference?.mode ?? 'off', instantFrom: preference?.instantFrom ?? 1 };
}

/** Saves the signed-in editor's choice for a site, with the token of their unsubscribe link. */
export async function chooseEmail(
  store: Store,
  principal: Principal,
  siteId: string,
  choice: EmailChoice,
  unsubscribeKey: string,
): Promise<EmailChoice> {
  const userId = editorOf(principal);
  await requireRole(store, principal, siteId, 'viewer');
  await saveEmailPreference(
    store.db,
    { userId, siteId, ...choice },
    unsubscribeTokenHash(unsubscribeKey, userId, siteId),
    new Date().toISOString(),
  );
  return choice;
}

/** What an unsubscribe link's token names: the site (by name) and the choice now; null for no such link. */
export async function unsubscribeLinkTarget(
  store: Store,
  token: string,
): Promise<{ siteName: string; mode: EmailMode } | null> {
  const preference = await findPreferenceByTokenHash(store.db, sha256Hex(token));
  if (!preference) return null;
  const site = await findSite(store.db, preference.siteId);
  return { siteName: site?.name ?? preference.siteId, mode: preference.mode };
}

/** Turns off the e-mail an unsubscribe link's token names; false for no such link. */
export function unsubscribe(store: Store, token: string): Promise<boolean> {
  return turnOffByTokenHash(store.db, sha256Hex(token), new Date().toISOString());
}

function editorOf(principal: Principal): string {
  if (principal.kind !== 'user') {
    throw new ErrataError('forbidden', 'E-mail choices belong to a signed-in editor, not to an API token.');
  }
  return principal.userId;
}

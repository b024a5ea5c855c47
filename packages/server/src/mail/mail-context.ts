import { newToken } from '../domain/secrets.ts';
import type { Store } from '../store/open-store.ts';
import { getOrCreateSetting } from '../store/settings-store.ts';
import type { Mailer } from './transport.ts';
import { unsubscribeToken, unsubscribeUrl } from './unsubscribe-link.ts';

/** Everything that sends Errata's mails needs: the database, the mailer, and how links are made. */
export interface MailContext {
  store: Store;
  mailer: Mailer;
  /** The server's address, for links in mails (ERRATA_PUBLIC_URL). */
  publicUrl: string;
  /** Secret the unsubscribe tokens are derived from (a setting made at first start). */
  unsubscribeKey: string;
}

/** The secret unsubscribe tokens are derived from, made once per installation. */
export function loadUnsubscribeKey(store: Store): Promise<string> {
  return getOrCreateSetting(store.db, 'unsubscribe_key', () => newToken());
}

/**
 * The Message-ID of the mail an event sends to one target: the same on every attempt, so a
 * mail sent twice (the server crashed before recording the first success) shows once.
 */
export function deliveryMessageId(context: MailContext, eventId: string, targetId: string): string {
  const host = new URL(context.publicUrl).hostname;
  const domain = /^[a-z0-9.-]+$/i.test(host) ? host : 'errata.localhost';
  return `<${eventId}.${targetId.replace(/[^a-z0-9-]/gi, '-')}@${domain}>`;
}

/** The unsubscribe address of one editor for one site. */
export function editorUnsubscribeUrl(context: MailContext, userId: string, siteId: string): string {
  return unsubscribeUrl(context.publicUrl, unsubscribeToken(context.unsubscribeKey, userId, siteId));
}

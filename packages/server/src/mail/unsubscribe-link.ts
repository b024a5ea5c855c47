import { hmacHex, sha256Hex } from '../domain/secrets.ts';

/**
 * An editor's unsubscribe token for one site: derived from a server secret, so it is the
 * same in every mail (old mails' links keep working) yet unguessable. Only its hash is stored.
 */
export function unsubscribeToken(key: string, userId: string, siteId: string): string {
  return hmacHex(key, `unsubscribe\u001f${userId}\u001f${siteId}`);
}

export function unsubscribeTokenHash(key: string, userId: string, siteId: string): string {
  return sha256Hex(unsubscribeToken(key, userId, siteId));
}

/** The one-click unsubscribe address (RFC 8058): GET shows a confirmation page, POST unsubscribes. */
export function unsubscribeUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/api/v1/email/unsubscribe?token=${encodeURIComponent(token)}`;
}

/** Headers that let a mail client offer "Unsubscribe" and do it with one POST. */
export function unsubscribeHeaders(url: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

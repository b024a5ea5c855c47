import { timingSafeEqual } from 'node:crypto';
import { hmacHex } from '../../domain/secrets.ts';

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. */
export const SIGNATURE_HEADER = 'Errata-Signature';
/** Header carrying the event id, the same on every retry: receivers drop ids they have seen. */
export const EVENT_ID_HEADER = 'Errata-Event-Id';
/** How old a signed timestamp may be before a receiver should refuse it (replays). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * The signature header's value for a body sent at `time`. The timestamp is signed with the
 * body, so a captured request cannot be replayed later with a fresh timestamp.
 * @example signatureHeader('whsec_…', '{"id":"…"}', new Date()) // "t=1767225600,v1=5f0c…"
 */
export function signatureHeader(secret: string, body: string, time: Date): string {
  const t = Math.floor(time.getTime() / 1000);
  return `t=${t},v1=${hmacHex(secret, `${t}.${body}`)}`;
}

/**
 * Checks a signature header the way a receiver should: right secret and body, timestamp
 * within the tolerance, compared in constant time. docs/webhooks.md shows the same for receivers.
 */
export function verifySignature(
  secret: string,
  body: string,
  header: string,
  now: Date,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): boolean {
  const parts = new Map(
    header.split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(secret, `${t}.${body}`), 'hex');
  const given = Buffer.from(/^[0-9a-f]+$/i.test(v1) ? v1 : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

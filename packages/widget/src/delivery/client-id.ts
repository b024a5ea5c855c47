/** Random bytes in a report's id: 128 bits, so two readers' reports never share one. */
const CLIENT_ID_BYTES = 16;

/**
 * A new id for one report (core's CLIENT_ID_PATTERN): 16 random bytes in hex, 32 characters.
 * The server counts every send of the same id as one report.
 */
export function newClientId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(CLIENT_ID_BYTES)), (byte) =>
    (byte + 256).toString(16).slice(1),
  ).join('');
}

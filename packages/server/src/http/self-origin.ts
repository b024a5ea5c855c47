import type { FastifyRequest } from 'fastify';

/** Host names that always mean "this machine". */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The server's own origin as this request reached it, when its Host names this server:
 * the public URL's origin, or a loopback name on the port the server listens on. Null for
 * any other Host: a forged Host must not make a foreign page count as "self".
 */
export function selfOrigin(request: FastifyRequest, publicUrl: string | undefined): string | null {
  let reached: URL;
  try {
    reached = new URL(`${request.protocol}://${request.host}`);
  } catch {
    return null; // A malformed Host header names nothing.
  }
  if (publicUrl !== undefined && reached.origin === new URL(publicUrl).origin) return reached.origin;
  if (!LOOPBACK.has(reached.hostname)) return null;
  const port = Number(reached.port || (reached.protocol === 'https:' ? 443 : 80));
  return port === request.socket.localPort ? reached.origin : null;
}

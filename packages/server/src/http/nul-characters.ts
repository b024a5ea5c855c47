import type { FastifyRequest } from 'fastify';
import { ErrataError } from '../domain/errors.ts';

const NUL = '\u0000';

/**
 * Refuses a request with a NUL character (U+0000) in its path, query or JSON body: no text
 * Errata keeps may hold one, and PostgreSQL refuses it in a text value (with an error that
 * would otherwise surface as a 500). Runs as a preValidation hook, after authentication.
 */
export async function refuseNulCharacters(request: FastifyRequest): Promise<void> {
  for (const [root, value] of [
    ['params', request.params],
    ['querystring', request.query],
    ['body', request.body],
  ] as const) {
    const found = nulIn(value, '');
    if (found !== null) {
      // Named like the schema errors' fields: "quote.exact", the part's name when it is the whole part.
      const where = found || root;
      throw new ErrataError('invalid', `${where} holds a NUL character (U+0000), which no text may hold.`, {
        [where]: 'holds a NUL character',
      });
    }
  }
}

/**
 * Where in a parsed value the first NUL is (in a string or an object's key), as a.b[0]; ''
 * the value itself; null nowhere. Walks with its own stack: a body may nest thousands deep.
 */
export function nulIn(value: unknown, where: string): string | null {
  const pending: [unknown, string][] = [[value, where]];
  while (pending.length > 0) {
    const [item, at] = pending.pop() as [unknown, string];
    if (typeof item === 'string') {
      if (item.includes(NUL)) return at;
    } else if (Array.isArray(item)) {
      for (let index = item.length - 1; index >= 0; index--) pending.push([item[index], `${at}[${index}]`]);
    } else if (item !== null && typeof item === 'object') {
      const entries = Object.entries(item);
      if (entries.some(([key]) => key.includes(NUL))) return at;
      for (const [key, child] of entries.reverse()) pending.push([child, at ? `${at}.${key}` : key]);
    }
  }
  return null;
}

import type { FastifyRequest } from 'fastify';
import { ErrataError } from '../domain/errors.ts';
import { nulIn } from '../domain/nul-characters.ts';

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

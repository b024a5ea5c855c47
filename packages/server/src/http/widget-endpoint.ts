import type { FastifyInstance } from 'fastify';

/**
 * What every public, anonymous route the widget calls from readers' pages shares, on the
 * plugin that holds `path`: a text/plain body read as JSON (the widget sends text/plain, so
 * browsers make no preflight; the JSON parser's own guard against __proto__ and constructor
 * keys applies), answers any page may read (CORS "*": no cookies are involved, which pages may
 * write is decided per route), Retry-After exposed (the widget waits as long as a 429 or 503
 * asks), and a preflight answer for clients that send JSON.
 */
export function serveToReadersPages(app: FastifyInstance, path: string): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, parseJson);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-expose-headers', 'Retry-After');
  });
  app.options(path, { schema: { hide: true } }, async (_request, reply) =>
    reply
      .status(204)
      .header('access-control-allow-methods', 'POST')
      .header('access-control-allow-headers', 'content-type')
      .header('access-control-max-age', '86400')
      .send(),
  );
}

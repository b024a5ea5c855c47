import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { DemoNewsroom } from '../domain/demo-site.ts';

/** What /demo/ answers while the demo newsroom is off: what happened, and the switch. */
const DEMO_OFF_PAGE = `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>The demo newsroom is off</title>
<h1>The demo newsroom is off</h1>
<p>This Errata server does not serve its demo newsroom: it is off once a site of the operator's
own exists (ERRATA_DEMO=auto), or was turned off (ERRATA_DEMO=off).</p>
<p>The operator turns it on by starting the server with <code>ERRATA_DEMO=on</code>.</p>
`;

/** The demo newsroom's pages at /demo/, while its switch (ERRATA_DEMO) says it is on. */
export async function demoRoutes(
  app: FastifyInstance,
  options: { newsroomDir: string; demo: Pick<DemoNewsroom, 'isOn'> },
): Promise<void> {
  // Every route of this plugin, the static files' included, asks the switch first.
  app.addHook('onRequest', async (_request, reply) => {
    if (await options.demo.isOn()) return;
    return reply
      .status(404)
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(DEMO_OFF_PAGE);
  });

  await app.register(fastifyStatic, {
    root: options.newsroomDir,
    prefix: '/demo/',
    decorateReply: false,
    redirect: true,
    index: ['index.html'],
    // Pages and what they load; not the folder's package.json, README or answer key.
    allowedPath: (path) => path.endsWith('/') || /\.(html|css|svg|png|jpe?g|webp|ico)$/.test(path),
    cacheControl: true,
    maxAge: 60_000,
  });

  app.get('/demo', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/demo/'));
}

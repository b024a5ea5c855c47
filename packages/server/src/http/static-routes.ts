import { existsSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Browsers recheck /widget.js this often; the ETag makes a recheck cost one 304. */
const WIDGET_MAX_AGE_MS = 5 * 60 * 1000;
/** Names of files the widget build writes: scripts, their source maps and type declarations. */
const WIDGET_PART = /^[A-Za-z0-9][A-Za-z0-9._-]*\.(js|js\.map|d\.ts)$/;
/** A build-made content hash in a name (widget-dialog-3f9a8c2d.js): the file never changes, cache it for good. */
const HASHED_NAME = /[.-][A-Za-z0-9]{8,}\.js$/;
/** Vite's hashed asset names change with their content, so they may be cached for good. */
const IMMUTABLE_MAX_AGE_MS = 365 * 24 * 3600 * 1000;

// The dashboard loads nothing from elsewhere and runs no inline code; say so, so injected markup cannot.
const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

/** The files Errata serves: the widget and the dashboard (a single-page app); the demo newsroom: demo-routes.ts. */
export async function staticRoutes(
  app: FastifyInstance,
  options: { widgetDir: string; dashboardDir: string; newsroomDir: string },
): Promise<void> {
  const notBuilt = (reply: FastifyReply, what: string) =>
    reply.status(503).send({ error: `The ${what} is not built: run npm run build (npm start does it).` });

  // reply.sendFile for the widget and dashboard routes below, each naming its own folder; a
  // file's .br or .gz sibling (the widget build writes them) goes to browsers that accept it,
  // with Vary: Accept-Encoding.
  await app.register(fastifyStatic, { root: options.newsroomDir, serve: false, preCompressed: true });
  app.get('/widget.js', { schema: { hide: true } }, async (_request, reply) => {
    if (!existsSync(join(options.widgetDir, 'widget.js'))) return notBuilt(reply, 'widget');
    reply.header('access-control-allow-origin', '*');
    return reply.sendFile('widget.js', options.widgetDir, { maxAge: WIDGET_MAX_AGE_MS, immutable: false });
  });

  // The parts the loader fetches on demand (dialog, languages). Any page may load them, also as modules.
  app.get<{ Params: { file: string } }>(
    '/widget/:file',
    { schema: { hide: true } },
    async (request, reply) => {
      const name = request.params.file;
      if (!WIDGET_PART.test(name) || fileInside(options.widgetDir, name) === null) {
        return reply.status(404).send({ error: `No widget file "${name}".` });
      }
      reply.header('access-control-allow-origin', '*');
      const hashed = HASHED_NAME.test(name);
      return reply.sendFile(name, options.widgetDir, {
        maxAge: hashed ? IMMUTABLE_MAX_AGE_MS : WIDGET_MAX_AGE_MS,
        immutable: hashed,
      });
    },
  );

  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/admin/'));
  app.get('/admin', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/admin/'));
  app.get<{ Params: { '*': string } }>('/admin/*', { schema: { hide: true } }, async (request, reply) => {
    const dir = options.dashboardDir;
    if (!existsSync(join(dir, 'index.html'))) return notBuilt(reply, 'dashboard');
    reply.header('content-security-policy', DASHBOARD_CSP);
    const file = fileInside(dir, request.params['*']);
    if (file?.startsWith(`assets${sep}`)) {
      return reply.sendFile(file, dir, { maxAge: IMMUTABLE_MAX_AGE_MS, immutable: true });
    }
    if (file !== null) return reply.sendFile(file, dir, { maxAge: 0 });
    // A missing script or stylesheet is a 404, not the app's HTML under a .js name.
    if (request.params['*'].startsWith('assets/')) {
      return reply.status(404).send({ error: `No dashboard file "${request.params['*']}".` });
    }
    // Any other path is a screen of the single-page app (e.g. /admin/setup).
    return reply.header('cache-control', 'no-cache').sendFile('index.html', dir, { cacheControl: false });
  });
}

/** The relative path of an existing file under dir, or null (also for anything trying to leave dir). */
function fileInside(dir: string, relative: string): string | null {
  if (relative === '' || relative.includes('\0')) return null;
  const path = normalize(relative);
  if (path.startsWith('..') || path.startsWith(sep)) return null;
  const full = join(dir, path);
  try {
    return statSync(full).isFile() ? path : null;
  } catch {
    return null;
  }
}

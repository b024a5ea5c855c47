import { URL_MAX } from '@errata/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { ARTICLE_CORRECTIONS_MAX, listCorrections, publicLogSite } from '../domain/corrections-log.ts';
import { LOG_PAGE_CSP, renderAtom, renderJsonFeed, renderLogPage } from '../domain/corrections-log-render.ts';
import type { Store } from '../store/open-store.ts';
import { ApiErrorSchema } from './schemas.ts';

/** Seconds readers' browsers and caches may keep the log: corrections arrive minutes apart at most. */
const LOG_MAX_AGE_S = 300;

const SiteParams = Type.Object({
  site: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$', description: 'The site id.' }),
});

const CorrectionSchema = Type.Object({
  id: Type.String(),
  url: Type.String(),
  title: Type.Union([Type.String(), Type.Null()]),
  was: Type.String({ description: 'What the page said.' }),
  now: Type.Union([Type.String(), Type.Null()], { description: 'What it says now.' }),
  note: Type.Union([Type.String(), Type.Null()], { description: "The editor's public note." }),
  verifiedAt: Type.String(),
});

/**
 * The public corrections log of each site that publishes one: /c/<site> (HTML, no scripts),
 * its JSON Feed and Atom feed, and /c/<site>/for?url=… with one article's corrections for a
 * footnote the site embeds (CORS "*"). A site that does not publish its log answers 404.
 */
export async function correctionsLogRoutes(
  app: FastifyInstance,
  options: { store: Store; publicUrl: string },
): Promise<void> {
  const { store, publicUrl } = options;
  const cached = (reply: FastifyReply, type: string) =>
    reply.header('content-type', type).header('cache-control', `public, max-age=${LOG_MAX_AGE_S}`);

  app.get<{ Params: { site: string } }>(
    '/c/:site',
    {
      schema: {
        summary: "A site's public corrections log (HTML)",
        tags: ['corrections log'],
        params: SiteParams,
        response: { 200: Type.String({ description: 'text/html' }), 404: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      const site = await publicLogSite(store.db, request.params.site);
      const page = renderLogPage(site, await listCorrections(store.db, site.id), publicUrl);
      return cached(reply, 'text/html; charset=utf-8')
        .header('content-security-policy', LOG_PAGE_CSP)
        .send(page);
    },
  );

  app.get<{ Params: { site: string } }>(
    '/c/:site/feed.json',
    {
      schema: {
        summary: "A site's public corrections log as a JSON Feed 1.1",
        tags: ['corrections log'],
        params: SiteParams,
        response: { 200: Type.String({ description: 'application/feed+json' }), 404: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      const site = await publicLogSite(store.db, request.params.site);
      const feed = renderJsonFeed(site, await listCorrections(store.db, site.id), publicUrl);
      return cached(reply, 'application/feed+json; charset=utf-8')
        .header('access-control-allow-origin', '*')
        .send(feed);
    },
  );

  app.get<{ Params: { site: string } }>(
    '/c/:site/atom.xml',
    {
      schema: {
        summary: "A site's public corrections log as an Atom feed",
        tags: ['corrections log'],
        params: SiteParams,
        response: { 200: Type.String({ description: 'application/atom+xml' }), 404: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      const site = await publicLogSite(store.db, request.params.site);
      const feed = renderAtom(site, await listCorrections(store.db, site.id), publicUrl);
      return cached(reply, 'application/atom+xml; charset=utf-8').send(feed);
    },
  );

  app.get<{ Params: { site: string }; Querystring: { url: string } }>(
    '/c/:site/for',
    {
      schema: {
        summary: "One article's corrections, for the footnote a site embeds (CORS *)",
        tags: ['corrections log'],
        params: SiteParams,
        querystring: Type.Object({
          url: Type.String({ minLength: 1, maxLength: URL_MAX, description: 'The article.' }),
        }),
        response: {
          200: Type.Object({ url: Type.String(), corrections: Type.Array(CorrectionSchema) }),
          400: ApiErrorSchema,
          404: ApiErrorSchema,
        },
      },
    },
    async (request, reply) => {
      reply.header('access-control-allow-origin', '*');
      const site = await publicLogSite(store.db, request.params.site);
      const corrections = await listCorrections(store.db, site.id, {
        url: request.query.url,
        limit: ARTICLE_CORRECTIONS_MAX,
      });
      cached(reply, 'application/json; charset=utf-8');
      return { url: request.query.url, corrections };
    },
  );
}

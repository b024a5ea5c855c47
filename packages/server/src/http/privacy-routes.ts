import { SITE_KEY_MAX } from '@errata/core';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { PRIVACY_PAGE_CSP, privacyFactsOf, renderPrivacyPage } from '../domain/privacy-page.ts';
import type { Store } from '../store/open-store.ts';
import { ApiErrorSchema } from './schemas.ts';

/** Seconds browsers and caches may keep the page: a changed setting shows within minutes. */
const PAGE_MAX_AGE_S = 300;

const KeyParams = Type.Object({
  publicKey: Type.String({
    minLength: 1,
    maxLength: SITE_KEY_MAX,
    description: "The site's public key (data-site).",
  }),
});

/**
 * Every site's privacy page, /privacy/<public key>: what reporting a mistake there stores, made
 * from the site's settings (domain/privacy-page.ts). Public, no scripts; under the key pages
 * embed already, so it tells nobody of a site they could not see.
 */
export async function privacyRoutes(
  app: FastifyInstance,
  options: { store: Store; publicUrl: string },
): Promise<void> {
  const { store, publicUrl } = options;
  app.get<{ Params: { publicKey: string } }>(
    '/privacy/:publicKey',
    {
      schema: {
        summary: "A site's privacy page for readers (HTML): what a report stores, and for how long",
        tags: ['privacy'],
        params: KeyParams,
        response: { 200: Type.String({ description: 'text/html' }), 404: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      const facts = await privacyFactsOf(store.db, request.params.publicKey);
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', `public, max-age=${PAGE_MAX_AGE_S}`)
        .header('content-security-policy', PRIVACY_PAGE_CSP)
        .send(renderPrivacyPage(facts, publicUrl));
    },
  );
}

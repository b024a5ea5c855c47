import { normalizeUrl, originOf, PROOFREAD_PAGES_PER_HOUR, SITE_WORD_MAX, URL_MAX } from '@errata/core';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireRole } from '../domain/access.ts';
import { ErrataError, RetryLaterError } from '../domain/errors.ts';
import type { Proofreader } from '../domain/proofread.ts';
import type { Store } from '../store/open-store.ts';
import {
  addSiteWord,
  enqueueProofreadJob,
  finishJob,
  listSiteWords,
  recentRuns,
  removeSiteWord,
} from '../store/proofread-store.ts';
import { authenticate } from './auth.ts';
import { ApiErrorSchema } from './schemas.ts';
import { SiteParams } from './site-schemas.ts';

/** The window of the per-site limit of "Proofread page". */
const HOUR_MS = 60 * 60 * 1000;

export const ProofreadResultSchema = Type.Object({
  url: Type.String({ description: 'The page read, normalised.' }),
  findings: Type.Integer({ description: "Findings at or above the product's confidence threshold." }),
  created: Type.Integer({
    description: 'New errata made of them (not those already there, nor those rejected before).',
  }),
  errata: Type.Array(Type.String(), { description: 'Ids of the new errata.' }),
});

export const SiteWordSchema = Type.Object({
  word: Type.String(),
  source: Type.Enum(['editor', 'dismissed'], {
    description:
      'editor (added by hand, also over a word a rejection taught) or dismissed (taught by rejecting a proofreader erratum; taking that rejection back removes it).',
  }),
  addedAt: Type.String(),
});

const WordParams = Type.Object({
  site: SiteParams.properties.site,
  word: Type.String({ minLength: 1, maxLength: 256 }),
});

/**
 * The proofreader's routes of a site: "Proofread page" (read a page now and propose the
 * mistakes it is sure of; rate-limited per site) and the site's words, which it never flags.
 */
export async function proofreadRoutes(
  app: FastifyInstance,
  options: { store: Store; proofreader: Proofreader },
): Promise<void> {
  const { store, proofreader } = options;
  app.addHook('onRequest', authenticate(store));

  app.post<{ Params: { site: string }; Body: { url: string } }>(
    '/api/v1/sites/:site/proofread',
    {
      schema: {
        summary: `Proofread a page of the site now: its likely mistakes become errata with source proofreader (${PROOFREAD_PAGES_PER_HOUR} pages an hour per site)`,
        tags: ['proofreader'],
        params: SiteParams,
        body: Type.Object(
          {
            url: Type.String({
              minLength: 1,
              maxLength: URL_MAX,
              description: "A page of the site: its origin is one of the site's allowed origins.",
            }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: ProofreadResultSchema,
          400: ApiErrorSchema,
          401: ApiErrorSchema,
          403: ApiErrorSchema,
          404: ApiErrorSchema,
          429: ApiErrorSchema,
          422: ApiErrorSchema,
        },
      },
    },
    async (request) => {
      const { site } = request.params;
      await requireRole(store, request.principal!, site, 'editor');
      const url = normalizeUrl(request.body.url.trim());
      if (url === null) {
        throw new ErrataError('invalid', 'url must be an absolute http(s) address of a page of the site.', {
          url: 'is not an http(s) URL',
        });
      }
      const row = await store.db
        .selectFrom('sites')
        .select('allowed_origins')
        .where('id', '=', site)
        .executeTakeFirstOrThrow();
      const origin = originOf(url);
      if (origin === null || !proofreader.originsOf(row).includes(origin)) {
        throw new ErrataError(
          'invalid',
          `${origin ?? url} is not one of the site's origins: only the site's own pages are proofread.`,
          { url: "is not on one of the site's allowed origins" },
        );
      }
      const now = Date.now();
      const recent = await recentRuns(store.db, site, 'editor', new Date(now - HOUR_MS).toISOString());
      if (recent.count >= PROOFREAD_PAGES_PER_HOUR) {
        const freeAt = Date.parse(recent.oldest ?? new Date(now).toISOString()) + HOUR_MS;
        const seconds = Math.max(1, Math.ceil((freeAt - now) / 1000));
        throw new RetryLaterError(
          `${PROOFREAD_PAGES_PER_HOUR} pages of "${site}" were proofread in the last hour, the most an hour allows: try again in ${Math.ceil(seconds / 60)} minute${seconds > 60 ? 's' : ''}.`,
          seconds,
        );
      }
      const jobId = await enqueueProofreadJob(store.db, {
        siteId: site,
        kind: 'page',
        url,
        trigger: 'editor',
        state: 'running',
        now: new Date(now).toISOString(),
      });
      try {
        const result = await proofreader.proofreadPage({ siteId: site, url }, 'editor');
        if (jobId) await finishJob(store.db, jobId, { state: 'done', result, now: new Date().toISOString() });
        return result;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (jobId)
          await finishJob(store.db, jobId, { state: 'failed', error: reason, now: new Date().toISOString() });
        throw error;
      }
    },
  );

  app.get<{ Params: { site: string } }>(
    '/api/v1/sites/:site/words',
    {
      schema: {
        summary: 'The words the proofreader never flags on the site',
        tags: ['proofreader'],
        params: SiteParams,
        response: {
          200: Type.Object({ words: Type.Array(SiteWordSchema) }),
          401: ApiErrorSchema,
          404: ApiErrorSchema,
        },
      },
    },
    async (request) => {
      await requireRole(store, request.principal!, request.params.site, 'viewer');
      return { words: await listSiteWords(store.db, request.params.site) };
    },
  );

  app.post<{ Params: { site: string }; Body: { word: string } }>(
    '/api/v1/sites/:site/words',
    {
      schema: {
        summary: 'Add a word the proofreader never flags on the site (a name, a term of the trade)',
        tags: ['proofreader'],
        params: SiteParams,
        body: Type.Object(
          { word: Type.String({ maxLength: 256, description: `One word, 1–${SITE_WORD_MAX} characters.` }) },
          { additionalProperties: false },
        ),
        response: {
          201: SiteWordSchema,
          400: ApiErrorSchema,
          401: ApiErrorSchema,
          403: ApiErrorSchema,
          404: ApiErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const { site } = request.params;
      await requireRole(store, request.principal!, site, 'editor');
      const word = checkWord(request.body.word);
      const entry = await addSiteWord(store.db, {
        siteId: site,
        word,
        source: 'editor',
        now: new Date().toISOString(),
      });
      return reply.code(201).send(entry);
    },
  );

  app.delete<{ Params: { site: string; word: string } }>(
    '/api/v1/sites/:site/words/:word',
    {
      schema: {
        summary: "Remove a word from the site's list: the proofreader may flag it again",
        tags: ['proofreader'],
        params: WordParams,
        response: {
          204: Type.Null(),
          401: ApiErrorSchema,
          403: ApiErrorSchema,
          404: ApiErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const { site, word } = request.params;
      await requireRole(store, request.principal!, site, 'editor');
      await removeSiteWord(store.db, site, word.trim());
      return reply.code(204).send();
    },
  );
}

/** One word, trimmed, 1–SITE_WORD_MAX characters, else a 400 that says what is wrong. */
export function checkWord(raw: string): string {
  const word = raw.trim();
  if (word === '') {
    throw new ErrataError('invalid', 'Type the word to add.', { word: 'must not be empty' });
  }
  if (word.length > SITE_WORD_MAX) {
    throw new ErrataError('invalid', `A word is at most ${SITE_WORD_MAX} characters.`, {
      word: `is longer than ${SITE_WORD_MAX} characters`,
    });
  }
  if (/\s/u.test(word)) {
    throw new ErrataError('invalid', `"${word}" is more than one word: add the words one by one.`, {
      word: 'must be one word, without spaces',
    });
  }
  return word;
}

import { REPORT_STATUS_IDS_MAX, type ReportStatusQuery, SITE_KEY_MAX } from '@errata/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { readerStatus } from '../domain/reader-status.ts';
import type { Store } from '../store/open-store.ts';
import { ApiErrorSchema } from './schemas.ts';
import { serveToReadersPages } from './widget-endpoint.ts';

/** Status requests one address may make per minute: a widget asks once per page view at most. */
export const STATUS_CHECKS_PER_MINUTE = 60;
/** Largest body: 50 ids of 64 characters and a key fit with room to spare. */
const STATUS_BODY_MAX_BYTES = 8 * 1024;

const ReportStatusQuerySchema = Type.Object({
  site: Type.String({
    minLength: 1,
    maxLength: SITE_KEY_MAX,
    description: "The site's public key (data-site).",
  }),
  ids: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
    minItems: 1,
    maxItems: REPORT_STATUS_IDS_MAX,
    description: "Ids of the reader's own reports, from their receipts.",
  }),
});

const ReportStatusAnswerSchema = Type.Object({
  corrected: Type.Array(
    Type.Object({
      id: Type.String({ description: 'The report, as asked.' }),
      quote: Type.String({ description: 'The words the reader marked.' }),
      correction: Type.Union([Type.String(), Type.Null()], {
        description: 'What the page says there now, when a recheck saw it.',
      }),
    }),
  ),
});

/**
 * POST /api/v1/reports/status: the widget's later question "were my reports corrected?",
 * for the reader's thank-you. Public and anonymous like POST /api/v1/reports (CORS "*", no
 * cookies, text/plain accepted so browsers send no preflight); it answers only about the ids asked.
 */
export async function readerStatusRoutes(app: FastifyInstance, options: { store: Store }): Promise<void> {
  serveToReadersPages(app, '/api/v1/reports/status');
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.post<{ Body: ReportStatusQuery }>(
    '/api/v1/reports/status',
    {
      bodyLimit: STATUS_BODY_MAX_BYTES,
      config: {
        bodyLimitLabel: `${STATUS_BODY_MAX_BYTES / 1024} KB`,
        rateLimit: {
          max: STATUS_CHECKS_PER_MINUTE,
          timeWindow: 60_000,
          errorResponseBuilder: (_request: FastifyRequest, context: { after: string }) =>
            Object.assign(
              new Error(`Too many status requests from your address: try again in ${context.after}.`),
              {
                statusCode: 429,
              },
            ),
        },
      },
      schema: {
        summary: "Which of the reader's reports were corrected (the widget's thank-you)",
        tags: ['reports'],
        body: ReportStatusQuerySchema,
        response: {
          200: ReportStatusAnswerSchema,
          400: ApiErrorSchema,
          403: ApiErrorSchema,
          413: ApiErrorSchema,
        },
      },
    },
    async (request) => readerStatus(options.store, request.body),
  );
}

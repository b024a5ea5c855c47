import { PROOF_OF_WORK_STATUS, REPORT_BODY_MAX_BYTES, type ReportInput } from '@errata/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ErrataError } from '../domain/errors.ts';
import type { ProofOfWork } from '../domain/proof-of-work.ts';
import { GroupingSlowError, type ReportIngest } from '../domain/report-ingest.ts';
import {
  ApiErrorSchema,
  ProofOfWorkRequiredSchema,
  ReportInputSchema,
  ReportReceiptSchema,
} from './schemas.ts';
import { selfOrigin } from './self-origin.ts';
import { serveToReadersPages } from './widget-endpoint.ts';

/**
 * POST /api/v1/reports: the one route every reader's browser calls. It is public and
 * anonymous (no cookies), so any page may read its answers (CORS "*"); which pages may
 * write is decided by the site's allowed origins, checked on the body's URL and the Origin header.
 * A site that turned proof of work on is sent a challenge first (428, domain/proof-of-work.ts):
 * the widget solves it and sends the report again with the solution in `altcha`.
 * The answer comes once the report is durable; it is grouped into its erratum right after
 * (domain/report-grouper.ts), or before the answer with `?wait=erratum`.
 */
export async function reportsRoutes(
  app: FastifyInstance,
  options: { ingest: ReportIngest; proofOfWork: ProofOfWork; reportsPerMinute: number; publicUrl?: string },
): Promise<void> {
  serveToReadersPages(app, '/api/v1/reports');

  app.post<{ Body: ReportInput; Querystring: { wait?: 'erratum' } }>(
    '/api/v1/reports',
    {
      bodyLimit: REPORT_BODY_MAX_BYTES,
      config: {
        bodyLimitLabel: `${REPORT_BODY_MAX_BYTES / 1024} KB`,
        rateLimit: {
          max: options.reportsPerMinute,
          timeWindow: 60_000,
          errorResponseBuilder: (_request: FastifyRequest, context: { after: string }) =>
            Object.assign(new Error(`Too many reports from your address: try again in ${context.after}.`), {
              statusCode: 429,
            }),
        },
      },
      schema: {
        summary: "Report a mistake (the widget's call)",
        tags: ['reports'],
        body: ReportInputSchema,
        querystring: Type.Object({
          wait: Type.Optional(
            Type.Literal('erratum', {
              description:
                'Answer once the report is grouped into its erratum, with the erratum in the receipt. Without it the answer comes as soon as the report is durable (what the widget does).',
            }),
          ),
        }),
        response: {
          200: ReportReceiptSchema,
          201: ReportReceiptSchema,
          400: ApiErrorSchema,
          403: ApiErrorSchema,
          413: ApiErrorSchema,
          503: ApiErrorSchema,
          [PROOF_OF_WORK_STATUS]: ProofOfWorkRequiredSchema,
        },
      },
    },
    async (request, reply) => {
      const input = request.body;
      if (input.quote.exact.trim() === '') {
        throw new ErrataError('invalid', 'quote.exact must contain more than whitespace.', {
          'quote.exact': 'must contain more than whitespace',
        });
      }
      if (input.position.end <= input.position.start) {
        throw new ErrataError('invalid', 'position.end must be greater than position.start.', {
          'position.end': 'must be greater than position.start',
        });
      }
      const refusal = await options.proofOfWork.refusal(input.site, input.altcha);
      if (refusal) return reply.status(PROOF_OF_WORK_STATUS).send(refusal);
      const sender = {
        ip: request.ip,
        origin: request.headers.origin,
        // An empty origin matches no allowed origin: with an unknown Host nothing is "self".
        requestOrigin: selfOrigin(request, options.publicUrl) ?? '',
      };
      const { receipt, repeat } =
        request.query.wait === 'erratum'
          ? await options.ingest.ingest(input, sender).catch((error: unknown) => {
              // Stored, only slow to group: the caller learns the report's id, and the erratum later.
              if (error instanceof GroupingSlowError)
                return { receipt: { id: error.reportId }, repeat: error.repeat };
              throw error;
            })
          : await options.ingest.accept(input, sender);
      // A retried send (same clientId) is acknowledged again, with the first arrival's receipt.
      return reply.status(repeat ? 200 : 201).send(receipt);
    },
  );
}

import type { ApiError } from '@errata/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrataError, type RefusalKind, RetryLaterError } from '../domain/errors.ts';
import { type DatabaseHealth, databaseFailureOf } from '../store/database-failure.ts';
import { describeSchemaErrors, type SchemaError } from './validation-messages.ts';

const STATUS_OF: Record<RefusalKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_many: 429,
  unavailable: 503,
  unprocessable: 422,
};

/** Seconds a client is asked to wait after a 503: the write queue drains in about that long. */
const RETRY_AFTER_UNAVAILABLE_S = 2;

/** Seconds a client is asked to wait while the database fails: long enough for an operator's fix, short for a blip. */
const RETRY_AFTER_DATABASE_S = 5;

/**
 * Answers every error as an ApiError a person can read; only unexpected ones are logged as
 * errors. The database failing (a full disk, a cut connection) is a 503 with Retry-After that
 * says why, and is told to `health` for /readyz.
 */
export function installErrorHandler(app: FastifyInstance, health?: DatabaseHealth): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const failure = error instanceof ErrataError ? null : databaseFailureOf(error);
    if (failure !== null) {
      health?.failed(failure);
      request.log.warn({ err: error }, `database unavailable: ${failure}`);
      reply.header('retry-after', String(RETRY_AFTER_DATABASE_S));
      return reply.status(503).send({
        error: `Errata cannot use its database right now (${failure}): nothing was changed, try again in a moment.`,
      } satisfies ApiError);
    }
    if (error instanceof ErrataError) {
      const body: ApiError = { error: error.message, ...(error.fields ? { fields: error.fields } : {}) };
      if (error.kind === 'unavailable') reply.header('retry-after', String(RETRY_AFTER_UNAVAILABLE_S));
      if (error instanceof RetryLaterError) reply.header('retry-after', String(error.retryAfterS));
      return reply.status(STATUS_OF[error.kind]).send(body);
    }
    if (error.validation) {
      const root = error.validationContext ?? 'body';
      const fields = describeSchemaErrors(error.validation as SchemaError[], root);
      const entries = Object.entries(fields);
      const [first] = entries;
      const summary = first ? `${first[0]} ${first[1]}` : `the ${root} is not valid`;
      const more = entries.length > 1 ? ` (and ${entries.length - 1} more)` : '';
      return reply.status(400).send({ error: `${summary}${more}.`, fields } satisfies ApiError);
    }
    const status = error.statusCode ?? 500;
    if (status === 413) {
      const limit = request.routeOptions.config?.bodyLimitLabel ?? 'the limit';
      return reply.status(413).send({ error: `The request is larger than ${limit}.` } satisfies ApiError);
    }
    if (status === 415) {
      return reply
        .status(415)
        .send({ error: 'Send JSON (Content-Type: application/json).' } satisfies ApiError);
    }
    if (status === 400 && (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError)) {
      return reply.status(400).send({ error: 'The body is not valid JSON.' } satisfies ApiError);
    }
    if (status === 429) return reply.status(429).send({ error: error.message } satisfies ApiError);
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.status(status).send({ error: 'Something went wrong on the server; it has been logged.' });
    }
    return reply.status(status).send({ error: error.message } satisfies ApiError);
  });

  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send({ error: `Nothing at ${request.method} ${request.url.split('?')[0]}.` } satisfies ApiError),
  );
}

/**
 * Answers the errors Fastify meets before routing (a broken %-escape, a path segment past the
 * router's length limit) in the same readable shape; the error handler never sees them.
 */
export function answerFrameworkError(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status = error.statusCode ?? 400;
  const message =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'A part of the address is too long.'
      : 'The address is not valid: a %-escape in it is broken.';
  reply.status(status).send({ error: message } satisfies ApiError);
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** How the route's body limit reads in a 413 message, e.g. "16 KB". */
    bodyLimitLabel?: string;
  }
}

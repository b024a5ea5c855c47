import { Ajv } from 'ajv';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';

const common = { allErrors: true, removeAdditional: false, useDefaults: true, strict: false } as const;

// Bodies are JSON: a number sent as a string is a mistake to report, not to guess at.
const forBodies = new Ajv({ ...common, coerceTypes: false });
// Query strings and path parameters are text by nature: limit=50 is read as the number 50.
const forText = new Ajv({ ...common, coerceTypes: true });

/**
 * Compiles route schemas with every error reported (for per-field messages) and type
 * coercion only where values arrive as text.
 */
export const validatorCompiler: FastifySchemaCompiler<FastifySchema> = ({ schema, httpPart }) => {
  const ajv =
    httpPart === 'querystring' || httpPart === 'params' || httpPart === 'headers' ? forText : forBodies;
  return ajv.compile(schema as object) as ReturnType<FastifySchemaCompiler<FastifySchema>>;
};

/** The parts of an Ajv error that a message is made from. */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/**
 * Turns schema errors into per-field messages a person understands, keyed by dotted path:
 * { "quote.exact": "is longer than 500 characters" }. The first error of a field wins.
 */
export function describeSchemaErrors(errors: readonly SchemaError[], root: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const error of errors) {
    const [path, message] = describeOne(error, root);
    if (message !== null && !(path in fields)) fields[path] = message;
  }
  return fields;
}

function describeOne(error: SchemaError, root: string): [string, string | null] {
  const base = error.instancePath.split('/').filter(Boolean).join('.');
  const at = (child: unknown) => [base, String(child)].filter(Boolean).join('.');
  const p = error.params;
  switch (error.keyword) {
    case 'required':
      return [at(p.missingProperty), 'is required'];
    case 'maxLength':
      return [base || root, `is longer than ${p.limit} characters`];
    case 'minLength':
      return [base || root, p.limit === 1 ? 'must not be empty' : `is shorter than ${p.limit} characters`];
    case 'type':
      return [base || root, `must be ${article(String(p.type))}`];
    case 'minimum':
      return [base || root, `must be at least ${p.limit}`];
    case 'maximum':
      return [base || root, `must be at most ${p.limit}`];
    case 'additionalProperties':
      return [at(p.additionalProperty), 'is not a known field'];
    case 'const':
    case 'enum':
    case 'anyOf':
      return [base || root, describeChoices(p)];
    case 'format':
      return [base || root, `is not a valid ${String(p.format)}`];
    case 'pattern':
      return [base || root, 'is not in the expected format'];
    default:
      return [base || root, error.message ?? 'is not valid'];
  }
}

function article(type: string): string {
  if (type === 'integer') return 'a whole number';
  if (type === 'object') return 'an object';
  if (type === 'array') return 'a list';
  return `a ${type}`;
}

function describeChoices(params: Record<string, unknown>): string {
  const allowed = params.allowedValues ?? params.allowedValue;
  if (Array.isArray(allowed)) return `must be one of ${allowed.join(', ')}`;
  if (allowed !== undefined) return `must be ${String(allowed)}`;
  return 'is not one of the allowed values';
}

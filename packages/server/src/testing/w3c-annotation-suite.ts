import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { it } from 'vitest';
import { underCi } from './under-ci.ts';

/**
 * The W3C Web Annotation test suite (w3c/web-annotation-tests, copied unchanged), kept
 * beside the repository: ../shared/data/w3c-web-annotation-tests from its root.
 */
export const W3C_SUITE_DIR = fileURLToPath(
  new URL('../../../../../shared/data/w3c-web-annotation-tests/', import.meta.url),
);

/** The suite's lists of MUST assertions (the `.test` files), by what they are run on. */
const MUST_LISTS = {
  annotation: 'annotations/annotationMusts.test',
  collection: 'collections/collectionMusts.test',
  page: 'collections/pages/pageMusts.test',
} as const;

/** The definition files the assertions point into with $ref. */
const DEFINITIONS = [
  'annotations',
  'bodyTarget',
  'choiceSet',
  'collections',
  'id',
  'otherProperties',
  'specificResource',
];

/** Keywords of the suite's own test runner, not of JSON Schema: they describe, never constrain. */
const RUNNER_KEYWORDS = ['assertionType', 'expectedResult', 'onUnexpectedResult', 'errorMessage'];

/** One assertion of the suite, compiled. */
export interface Assertion {
  /** Path in the suite, e.g. "annotations/3.1-annotationIdValidated.json". */
  file: string;
  /** "must", "should" or "may". */
  assertionType: string;
  /** What the suite says when a document fails it. */
  errorMessage: string;
  validate: ValidateFunction;
}

/** The suite's MUST assertions, compiled and ready to run. */
export interface W3cSuite {
  /** Run on each annotation (annotationMusts.test, selectors included). */
  annotation: Assertion[];
  /** Run on an AnnotationCollection (collectionMusts.test). */
  collection: Assertion[];
  /** Run on an AnnotationPage, or a collection embedding its first page (pageMusts.test). */
  page: Assertion[];
  /** Reads a sample of tools/samples, e.g. "correct/anno1.json". */
  sample(name: string): unknown;
  /** Compiles the assertions of any list, e.g. "annotations/annotationOptionals.test". */
  assertions(testFile: string): Assertion[];
}

/** The suite compiled, or null when its folder is not there. */
export function loadW3cSuite(): W3cSuite | null {
  if (!existsSync(W3C_SUITE_DIR)) return null;
  const ajv = new Ajv({
    // Every keyword the suite uses must be understood: none is quietly ignored.
    strictSchema: true,
    // The suite's style (oneOf of bare `required`, `properties` without `type`) is valid
    // JSON Schema that these stricter-than-the-standard checks would refuse.
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    // Draft-04 rule: a $ref stands for its whole schema object; keywords beside it are ignored.
    ignoreKeywordsWithRef: true,
    logger: false,
  });
  ajv.addVocabulary(RUNNER_KEYWORDS);
  ajv.addFormat('uri', isUri);
  ajv.addFormat('date-time', isDateTime);
  for (const name of DEFINITIONS) ajv.addSchema(toDraft07(readJson(`definitions/${name}.json`)) as object);

  const compile = (file: string): Assertion => {
    const schema = readJson(file) as Record<string, unknown>;
    // Assertions are compiled by path, not by their `id`: the same file name occurs in two
    // folders, and their relative $refs resolve against the definitions' ids either way.
    const { $id: _ignored, ...anonymous } = toDraft07(schema) as Record<string, unknown>;
    return {
      file,
      assertionType: String(schema.assertionType),
      errorMessage: String(schema.errorMessage),
      validate: ajv.compile(anonymous),
    };
  };
  const list = (testFile: string) =>
    (readJson(testFile) as { assertions: string[] }).assertions.map((file) => compile(file));
  return {
    annotation: list(MUST_LISTS.annotation),
    collection: list(MUST_LISTS.collection),
    page: list(MUST_LISTS.page),
    sample: (name) => readJson(`tools/samples/${name}`),
    assertions: list,
  };
}

/** The assertions a document fails, each as "file: the suite's error message (Ajv's detail)". */
export function failedAssertions(document: unknown, assertions: readonly Assertion[]): string[] {
  const failures: string[] = [];
  for (const assertion of assertions) {
    if (assertion.validate(document)) continue;
    const detail = assertion.validate.errors?.[0];
    failures.push(
      `${assertion.file}: ${assertion.errorMessage}${detail ? ` (${detail.instancePath || '/'} ${detail.message})` : ''}`,
    );
  }
  return failures;
}

/**
 * Stands in for the W3C tests when the suite's folder is missing: under CI=true a test that
 * fails (an unchecked export must not pass as a checked one), elsewhere a printed reason
 * (the caller skips the suite's tests with describe.skipIf).
 */
export function reportMissingW3cSuite(): void {
  const reason = `the W3C Web Annotation test suite is not at ${W3C_SUITE_DIR}: its MUST assertions were not checked`;
  if (underCi()) {
    it('finds the W3C Web Annotation test suite', () => {
      throw new Error(reason);
    });
  } else {
    // Outside CI the caller's describe.skipIf leaves the suite's tests out; this says why.
    console.warn(`skipped: ${reason}`);
  }
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(new URL(path, `file://${W3C_SUITE_DIR}`), 'utf8'));
}

/**
 * The suite is written in JSON Schema draft-04, which Ajv 8 does not read without the
 * ajv-draft-04 package (not installed). Its schemas differ from draft-07 in three places
 * only, rewritten here: `id` is `$id`; `exclusiveMinimum: true` beside `minimum: n` is
 * `exclusiveMinimum: n`; and `$schema` names draft-04 (dropped: this Ajv is draft-07).
 * A misspelt `"$ref "` key (with a space, in specificResource.json) is dropped too: draft-04
 * ignores unknown keywords, so the suite never used it. The $ref-siblings rule is the
 * `ignoreKeywordsWithRef` option above.
 */
function toDraft07(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toDraft07);
  if (schema === null || typeof schema !== 'object') return schema;
  const converted: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$schema' || key === '$ref ') continue;
    // A string-valued `id` is the keyword; a property named "id" has a schema (an object) as value.
    if (key === 'id' && typeof value === 'string') converted.$id = value;
    else converted[key] = toDraft07(value);
  }
  if (converted.exclusiveMinimum === true) {
    converted.exclusiveMinimum = converted.minimum;
    delete converted.minimum;
  } else if (converted.exclusiveMinimum === false) {
    delete converted.exclusiveMinimum;
  }
  return converted;
}

/** RFC 3986 URI with a scheme (draft-04 "uri"): only characters a URI may hold, every % followed by two hex digits. */
function isUri(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/.test(value);
}

/** RFC 3339 date-time (draft-04 "date-time"), e.g. 2025-05-01T09:30:00.000Z, with a real calendar date and time. */
function isDateTime(value: string): boolean {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/.exec(
      value,
    );
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as number[];
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  const offsetOk = match[7] === undefined || (Number(match[8]) <= 23 && Number(match[9]) <= 59);
  return (
    month! >= 1 &&
    month! <= 12 &&
    day! >= 1 &&
    day! <= daysInMonth &&
    hour! <= 23 &&
    minute! <= 59 &&
    second! <= 60 && // a leap second
    offsetOk
  );
}

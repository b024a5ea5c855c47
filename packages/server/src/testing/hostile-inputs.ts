/**
 * Hostile inputs for fuzzing the HTTP API (http/route-fuzz.test.ts): strings, numbers, JSON
 * values and raw bodies that have broken servers, as fast-check arbitraries and lists.
 */
import fc from 'fast-check';

/** Strings that have broken servers: NULs, lone surrogates, huge, path tricks, injection, pollution keys. */
export const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uFFFF',
  '\u202Egnp.exe',
  'Ω≈ç√∫˜µ≤≥÷',
  '👩‍👩‍👧‍👦'.repeat(50),
  '../../../../etc/passwd',
  '%00',
  '%E0%A4%A',
  '<script>alert(1)</script>',
  "' or '1'='1' --",
  '"; drop table sites; --',
  '$' + '{7*7}{{7*7}}', // template injection, split so that it reads as no placeholder
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '9007199254740993',
  'x'.repeat(10_000),
  'é'.repeat(70_000),
  'javascript:alert(1)',
  'http://127.0.0.1:1/',
  'https://[::1]/',
  'file:///etc/passwd',
];

export const nastyString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
);

export const nastyNumber = fc.oneof(
  fc.constantFrom(-1, 0, -0, 1e308, -1e308, 2 ** 53 + 1, 2 ** 31, -(2 ** 31) - 1, 0.5),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Any JSON value, hostile in type and shape. */
export const nastyValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyString,
    nastyNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(nastyString, fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Raw bodies that are not the JSON a route expects at all. */
export const RAW_BODIES = [
  '',
  '{',
  'null',
  '[]',
  '"text"',
  '12',
  '{"a":1,}',
  '\u0000',
  '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
  '['.repeat(5_000) + ']'.repeat(5_000),
  `{"x":"${'y'.repeat(2_000_000)}"}`,
];

export const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  null,
];

/** A JSON object's text with a key that JSON.stringify cannot write from an object literal. */
export function withPollutionKey(body: Record<string, unknown>, key: string, value: unknown): string {
  const text = JSON.stringify(body);
  const extra = `${JSON.stringify(key)}:${JSON.stringify(value)}`;
  return text === '{}' ? `{${extra}}` : `{${extra},${text.slice(1)}`;
}

/** The segment as a client would send it; a lone surrogate, which URLs cannot hold, as its raw bytes. */
export function encodePathSegment(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
}

/**
 * Hostile inputs for fuzzing the HTTP API (http/route-fuzz.test.ts): strings, numbers, JSON
 * values and raw bodies that have broken servers, as fast-check arbitraries and lists; and
 * markup that runs script wherever text is rendered as HTML (e2e/hostile-rendering.test.ts).
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

/** What a hostile payload calls when it runs: the browser tests expose it and count its calls. */
export const HOSTILE_MARKER = '__pwned';

/**
 * Ways out of the context a text lands in: none, a double- or single-quoted attribute, a
 * textarea, a title, a script, a comment, CDATA, a style sheet.
 */
const BREAKOUTS = ['', '">', "'>", '</textarea>', '</title>', '</script>', '-->', ']]>', '</style>'];

/** Ways to run script once out, `§` standing for the payload's number. */
const VECTORS = [
  '<script>__pwned(§)</script>',
  '<img src=x onerror=__pwned(§)>',
  '<svg onload=__pwned(§)>',
  '<svg><script>__pwned(§)</script>',
  '<body onload=__pwned(§)>',
  '<iframe src="javascript:__pwned(§)">',
  '<iframe srcdoc=<svg/onload=parent.__pwned(§)>>',
  '<a href="javascript:__pwned(§)">x</a>',
  '<details open ontoggle=__pwned(§)>',
  '<input autofocus onfocus=__pwned(§)>',
  '<video><source onerror=__pwned(§)>',
  '<audio src=x onerror=__pwned(§)>',
  '<object data="javascript:__pwned(§)">',
  '<embed src="javascript:__pwned(§)">',
  '<math><mtext><img src=x onerror=__pwned(§)>',
  '<style onload=__pwned(§)></style>',
  '<link rel=stylesheet href=x onerror=__pwned(§)>',
  '<marquee onstart=__pwned(§)>',
  '<select autofocus onfocus=__pwned(§)>',
  '<textarea autofocus onfocus=__pwned(§)>',
  '<img src=x onerror="__pwned(§)">',
  "<img src=x onerror='__pwned(§)'>",
  '<img src=x onerror=&#95;_pwned(§)>',
  '<img/src/onerror=__pwned(§)>',
  '<IMG SRC=x OnErRoR=__pwned(§)>',
  '<scr<script>ipt>__pwned(§)</script>',
  '<frameset onload=__pwned(§)>',
  '<base href="javascript:__pwned(§)//">',
  '<form><button formaction=javascript:__pwned(§)>',
  '" onmouseover="__pwned(§)" x="',
  '" autofocus onfocus="__pwned(§)" x="',
  "' autofocus onfocus='__pwned(§)' x='",
  'javascript:__pwned(§)',
  'JaVaScRiPt:__pwned(§)',
  '&#106;avascript:__pwned(§)',
  'data:text/html,<script>__pwned(§)</script>',
  "{{constructor.constructor('__pwned(§)')()}}",
  '$' + '{__pwned(§)}', // A template literal's placeholder, split so that it reads as none.
  '`+__pwned(§)+`',
  "';__pwned(§);'",
  '";__pwned(§);"',
  '<script>__pwned(§)//',
  '<x style="x:expression(__pwned(§))">',
  '<img src=x onerror=__pwned(§)>',
  'x{}*{background:url("javascript:__pwned(§)")}',
  '<![CDATA[<img src=x onerror=__pwned(§)>]]>',
  '<!--<img src="--><img src=x onerror=__pwned(§)>',
];

/**
 * Markup that runs script wherever reader or editor text is rendered as HTML (or inside an
 * attribute, a script, a style sheet, a template): every vector after every breakout, the
 * n-th payload calling `__pwned(n)`. Each fits a quote's prefix (64 characters), so any field
 * can hold any one of them.
 */
export const HOSTILE_MARKUP: readonly string[] = BREAKOUTS.flatMap((breakout) =>
  VECTORS.map((vector) => breakout + vector),
).map((payload, n) => payload.replaceAll('§', String(n)));

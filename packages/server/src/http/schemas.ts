import {
  CHECK_STATES,
  CLIENT_ID_PATTERN,
  COMMENT_MAX,
  EMAIL_MAX,
  EMAIL_PATTERN,
  ERRATUM_SOURCES,
  ERRATUM_STATUSES,
  LANG_MAX,
  PASSWORD_MIN_LENGTH,
  POSITION_MAX,
  PROOF_OF_WORK_PAYLOAD_MAX,
  QUOTE_CONTEXT_MAX,
  QUOTE_EXACT_MAX,
  REPORT_KINDS,
  ROOT_INDEX_MAX,
  ROOT_SELECTOR_MAX,
  SITE_KEY_MAX,
  SUGGESTION_MAX,
  TITLE_MAX,
  URL_MAX,
  WEBSITE_MAX,
} from '@errata/core';
import { Type } from 'typebox';
import { ERRATA_PAGE_MAX } from '../domain/errata.ts';
import { ErrataFilterSchemas } from './errata-filters.ts';

// Every limit comes from core, so the widget, the server and the tests agree on one number.

export const ApiErrorSchema = Type.Object(
  {
    error: Type.String({ description: 'What went wrong, in a sentence for a person.' }),
    fields: Type.Optional(
      Type.Record(Type.String(), Type.String(), { description: 'Per-field messages keyed by dotted path.' }),
    ),
  },
  { $id: 'ApiError' },
);

export const KindSchema = Type.Enum([...REPORT_KINDS], {
  description:
    'What the reader reports: typo (the default), factual (error), link (broken link or media), other.',
});

export const ReportInputSchema = Type.Object(
  {
    site: Type.String({
      minLength: 1,
      maxLength: SITE_KEY_MAX,
      description: "The site's public key (data-site).",
    }),
    url: Type.String({
      minLength: 1,
      maxLength: URL_MAX,
      description: "The page's address as the browser loaded it (its origin must be one of the site's).",
    }),
    canonical: Type.Optional(
      Type.String({
        description:
          "The page's canonical link; it names the page for grouping when it is an http(s) address of at most 2048 characters on one of the site's origins, else it is ignored (the body's size bounds it).",
      }),
    ),
    root: Type.Optional(
      Type.Object(
        {
          selector: Type.String({ minLength: 1, maxLength: ROOT_SELECTOR_MAX }),
          index: Type.Integer({ minimum: 0, maximum: ROOT_INDEX_MAX }),
        },
        {
          description:
            'The element the quote and position count in: the index-th element (from 0, in document order) matching the selector.',
        },
      ),
    ),
    title: Type.Optional(Type.String({ maxLength: TITLE_MAX })),
    lang: Type.Optional(Type.String({ maxLength: LANG_MAX })),
    quote: Type.Object({
      exact: Type.String({ minLength: 1, maxLength: QUOTE_EXACT_MAX, description: 'The selected words.' }),
      prefix: Type.String({ maxLength: QUOTE_CONTEXT_MAX, description: 'Root text before the quote.' }),
      suffix: Type.String({ maxLength: QUOTE_CONTEXT_MAX, description: 'Root text after the quote.' }),
    }),
    position: Type.Object({
      start: Type.Integer({
        minimum: 0,
        maximum: POSITION_MAX,
        description: "Offset of the quote's first character in the root text.",
      }),
      end: Type.Integer({
        minimum: 1,
        maximum: POSITION_MAX,
        description: "Offset just past the quote's last character.",
      }),
    }),
    suggestion: Type.Optional(
      Type.String({ maxLength: SUGGESTION_MAX, description: "The reader's correction." }),
    ),
    comment: Type.Optional(Type.String({ maxLength: COMMENT_MAX, description: "The reader's comment." })),
    clientId: Type.Optional(
      Type.String({
        pattern: CLIENT_ID_PATTERN,
        description:
          'Random id made by the widget per report; a repeat is answered 200 with the same receipt.',
      }),
    ),
    kind: Type.Optional(KindSchema),
    email: Type.Optional(
      Type.String({
        maxLength: EMAIL_MAX,
        pattern: EMAIL_PATTERN,
        description:
          "The reader's address for one thank-you when the fix is verified; only where the site enabled reader e-mails (else 400). Deleted after that mail or 90 days.",
      }),
    ),
    website: Type.Optional(
      Type.String({
        maxLength: WEBSITE_MAX,
        description:
          "The dialog's hidden honeypot field: people never see it nor fill it; the widget sends it only when not empty.",
      }),
    ),
    altcha: Type.Optional(
      Type.String({
        maxLength: PROOF_OF_WORK_PAYLOAD_MAX,
        description:
          'The solved proof-of-work challenge (ALTCHA payload: base64 JSON of algorithm, challenge, number, salt, signature); required where the site turned proof of work on, else ignored.',
      }),
    ),
  },
  { description: "One reader's report of a mistake." },
);

export const ProofOfWorkRequiredSchema = Type.Object(
  {
    error: Type.String({ description: 'Why, in a sentence: no solution, or one expired, used or forged.' }),
    challenge: Type.Object(
      {
        algorithm: Type.String({ description: 'Always SHA-256.' }),
        challenge: Type.String({ description: 'SHA-256 (hex) of salt + the secret number.' }),
        salt: Type.String({ description: 'Random hex, then ?expires=<unix seconds>&.' }),
        signature: Type.String({ description: "The server's HMAC of challenge." }),
        maxnumber: Type.Integer({ description: 'The secret number is from 0 to this.' }),
      },
      { description: 'Find the number, then send the report again with altcha.' },
    ),
  },
  { description: 'The site asks for proof of work and the report carried no valid solution.' },
);

export const ReportReceiptSchema = Type.Object({
  id: Type.String({
    description: "The report's id (the first arrival's, for a resend of the same clientId).",
  }),
  erratum: Type.Optional(
    Type.Object(
      {
        id: Type.String(),
        reports: Type.Integer({ description: 'Reports of this spot so far, this one included.' }),
        status: Type.Enum([...ERRATUM_STATUSES]),
      },
      {
        description:
          'The erratum the report joined: only with ?wait=erratum, and absent if grouping took longer than 15 s.',
      },
    ),
  ),
});

export const StatusSchema = Type.Enum([...ERRATUM_STATUSES], {
  description: 'open, fixed, verified, rejected (not a mistake) or spam.',
});

const SelectorSchema = Type.Object({ exact: Type.String(), prefix: Type.String(), suffix: Type.String() });

export const ErratumSchema = Type.Object({
  id: Type.String(),
  site: Type.String(),
  url: Type.String(),
  title: Type.Union([Type.String(), Type.Null()]),
  lang: Type.Union([Type.String(), Type.Null()]),
  quote: SelectorSchema,
  position: Type.Object({ start: Type.Integer(), end: Type.Integer() }),
  status: StatusSchema,
  reports: Type.Integer(),
  suggestions: Type.Array(Type.Object({ text: Type.String(), count: Type.Integer() })),
  comments: Type.Array(Type.String()),
  firstReportedAt: Type.String(),
  lastReportedAt: Type.String(),
  statusChangedAt: Type.Union([Type.String(), Type.Null()]),
  check: Type.Object(
    {
      state: Type.Enum([...CHECK_STATES]),
      checkedAt: Type.Union([Type.String(), Type.Null()]),
      reason: Type.Union([Type.String(), Type.Null()]),
      replacedBy: Type.Union([Type.String(), Type.Null()]),
    },
    { description: 'What the last look at the live page found (the recheck).' },
  ),
  kind: KindSchema,
  desk: Type.Union([Type.String(), Type.Null()], { description: 'The desk the site routes the kind to.' }),
  assignee: Type.Union([Type.Object({ id: Type.String(), email: Type.String() }), Type.Null()]),
  source: Type.Enum([...ERRATUM_SOURCES], {
    description: "reader, or proofreader (found by Errata reading the page; counts no reader's report).",
  }),
  finding: Type.Union(
    [
      Type.Object({
        rule: Type.String({ description: "The proofreader's rule, or same-mistake." }),
        message: Type.String(),
        suggestions: Type.Array(Type.String()),
        confidence: Type.Number({ description: '0–1.' }),
      }),
      Type.Null(),
    ],
    { description: "What the proofreader found; null for readers' errata." },
  ),
  proposedFrom: Type.Union([Type.Object({ id: Type.String(), url: Type.String() }), Type.Null()], {
    description: 'For a same-mistake proposal, the fixed erratum whose correction led to it.',
  }),
  spamReasons: Type.Union([Type.Array(Type.String()), Type.Null()], {
    description:
      'Why spam scoring held it in the Spam view; null when it did not, or once an editor restored it.',
  }),
});

export const ErrataQuerySchema = Type.Object({
  site: Type.String({ minLength: 1, maxLength: SITE_KEY_MAX, description: 'The site id.' }),
  status: Type.Optional(
    Type.Union([StatusSchema, Type.Array(StatusSchema, { minItems: 1, maxItems: ERRATUM_STATUSES.length })], {
      description: 'One status, or several as repeated parameters (status=fixed&status=verified).',
    }),
  ),
  ...ErrataFilterSchemas,
  cursor: Type.Optional(Type.String({ maxLength: 512, description: '`next` of the previous page.' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: ERRATA_PAGE_MAX })),
});

export const SiteQuerySchema = Type.Object({
  site: Type.String({ minLength: 1, maxLength: SITE_KEY_MAX, description: 'The site id.' }),
});

export const ErrataPageSchema = Type.Object({
  items: Type.Array(ErratumSchema),
  next: Type.Union([Type.String(), Type.Null()]),
});

export const SessionInfoSchema = Type.Object({
  user: Type.Object({ id: Type.String(), email: Type.String() }),
  csrfToken: Type.String(),
  sites: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      role: Type.Enum(['owner', 'editor', 'viewer']),
    }),
  ),
});

export const SignInSchema = Type.Object({
  email: Type.String({ minLength: 1, maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
});

export const SetupSchema = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 128 }),
  email: Type.String({ minLength: 1, maxLength: 254 }),
  password: Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: 256 }),
});

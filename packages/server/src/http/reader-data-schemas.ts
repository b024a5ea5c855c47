import { EMAIL_MAX, ERRATUM_STATUSES, REPORT_KINDS } from '@errata/core';
import { Type } from 'typebox';

// Schemas of an owner's export and erasure of a reader's data (reader-data-routes.ts).

export const ReaderEmailBodySchema = Type.Object(
  {
    email: Type.String({
      minLength: 1,
      maxLength: EMAIL_MAX,
      description: 'The address the reader left with their reports; matched without regard to case.',
    }),
  },
  { additionalProperties: false },
);

export const ReaderReportSchema = Type.Object({
  id: Type.String(),
  createdAt: Type.String(),
  url: Type.String(),
  title: Type.Union([Type.String(), Type.Null()]),
  kind: Type.Enum([...REPORT_KINDS]),
  quote: Type.Object({ exact: Type.String(), prefix: Type.String(), suffix: Type.String() }),
  suggestion: Type.Union([Type.String(), Type.Null()]),
  comment: Type.Union([Type.String(), Type.Null()]),
  erratumStatus: Type.Enum([...ERRATUM_STATUSES]),
});

export const ReaderContactRecordSchema = Type.Object({
  email: Type.String(),
  reportId: Type.String(),
  expiresAt: Type.String(),
  thankedAt: Type.Union([Type.String(), Type.Null()]),
});

export const ReaderDataExportSchema = Type.Object({
  site: Type.String(),
  email: Type.String(),
  exportedAt: Type.String(),
  reports: Type.Array(ReaderReportSchema),
  contacts: Type.Array(ReaderContactRecordSchema),
});

export const ReaderDataErasureSchema = Type.Object({
  site: Type.String(),
  email: Type.String(),
  contactsDeleted: Type.Integer({ description: 'Stored copies of the address deleted.' }),
  reportsBlanked: Type.Integer({
    description: 'Reports whose suggestion, comment and address hash were blanked.',
  }),
  eventsBlanked: Type.Integer({ description: 'Outgoing events whose copy of those words was blanked.' }),
  summary: Type.String({ description: 'What was erased, in a sentence.' }),
});

import { BULK_IDS_MAX, CORRECTION_MAX, NOTE_MAX } from '@errata/core';
import { Type } from 'typebox';
import { ErratumSchema, KindSchema, StatusSchema } from './schemas.ts';

const UserSchema = Type.Object({ id: Type.String(), email: Type.String() });

export const ErratumIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** PATCH /api/v1/errata/:id and the change of a bulk action: at least one field. */
export const ErratumPatchSchema = Type.Object(
  {
    status: Type.Optional(StatusSchema),
    assigneeId: Type.Optional(
      Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()], {
        description: 'A member (editor or owner) of the site to assign, or null to unassign.',
      }),
    ),
    correction: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: CORRECTION_MAX,
        description:
          "With status fixed (ignored otherwise): the words that replace the quote. Without it, the most suggested reader correction, or the proofreader's first suggestion. The same wrong form is then looked for on the site's other pages.",
      }),
    ),
  },
  { additionalProperties: false },
);

export const HistoryEventSchema = Type.Object({
  id: Type.String(),
  type: Type.String({ description: 'status_changed, assigned, note, reopened, checked…' }),
  actor: Type.Union([UserSchema, Type.Null()]),
  data: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Type.String(),
});

export const ErratumDetailSchema = Type.Object({
  erratum: ErratumSchema,
  reports: Type.Array(
    Type.Object({
      id: Type.String(),
      createdAt: Type.String(),
      kind: KindSchema,
      suggestion: Type.Union([Type.String(), Type.Null()]),
      comment: Type.Union([Type.String(), Type.Null()]),
      quote: Type.Object({ exact: Type.String(), prefix: Type.String(), suffix: Type.String() }),
    }),
    { description: 'Newest first, at most 200.' },
  ),
  events: Type.Array(HistoryEventSchema, { description: 'Oldest first.' }),
  links: Type.Object({
    page: Type.String({ description: 'The live page, scrolled to the quote (URL text fragment).' }),
    cms: Type.Union([Type.String(), Type.Null()], {
      description: "The page in the site's CMS, if it has a link template.",
    }),
  }),
});

export const NoteBodySchema = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: NOTE_MAX }) },
  { additionalProperties: false },
);

export const BulkBodySchema = Type.Object(
  {
    site: Type.String({ minLength: 1, maxLength: 64, description: 'The site id all errata must belong to.' }),
    ids: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: BULK_IDS_MAX }),
    change: ErratumPatchSchema,
  },
  { additionalProperties: false },
);

export const BulkResultSchema = Type.Object({
  updated: Type.Array(ErratumSchema),
  failed: Type.Array(Type.Object({ id: Type.String(), error: Type.String() })),
});

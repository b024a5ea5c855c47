import { Readable } from 'node:stream';
import { type ErratumStatus, SITE_KEY_MAX } from '@errata/core';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { annotationExport } from '../domain/export-annotation.ts';
import { csvExport } from '../domain/export-csv.ts';
import {
  type ExportFormat,
  type ExportHeading,
  exportFileName,
  exportText,
  openErrataExport,
} from '../domain/export-errata.ts';
import { jsonExport } from '../domain/export-json.ts';
import type { Store } from '../store/open-store.ts';
import { authenticate } from './auth.ts';
import { ApiErrorSchema, ErratumSchema, StatusSchema } from './schemas.ts';

/** The file formats of an export, by the name `format=` takes. */
const FORMATS = {
  csv: () => csvExport(),
  json: (heading: ExportHeading) => jsonExport(heading),
  annotation: (heading: ExportHeading, publicUrl: string) => annotationExport(heading, publicUrl),
} satisfies Record<string, (heading: ExportHeading, publicUrl: string) => ExportFormat>;

type FormatName = keyof typeof FORMATS;

export const ExportQuerySchema = Type.Object({
  site: Type.String({ minLength: 1, maxLength: SITE_KEY_MAX, description: 'The site id.' }),
  format: Type.Enum(Object.keys(FORMATS) as FormatName[], {
    description:
      'csv (one row per erratum, for spreadsheets), json (Erratum objects) or annotation (W3C Web Annotation JSON-LD).',
  }),
  status: Type.Optional(StatusSchema),
});

/** The JSON export's document (documentation only: the export is streamed, not serialised from this). */
const JsonExportSchema = Type.Object({
  site: Type.String({ description: 'The site id.' }),
  status: Type.Union([StatusSchema, Type.Null()], { description: 'The status asked for, or null for all.' }),
  exportedAt: Type.String({ description: 'ISO-8601 time the export started.' }),
  errata: Type.Array(ErratumSchema, { description: 'Every erratum, oldest first, with all its comments.' }),
});

/** What the export routes need: the store, and the server's public URL to name annotations with. */
export interface ExportRoutesOptions {
  store: Store;
  /** Address the server is reached at, without a trailing slash (config.publicUrl). */
  publicUrl: string;
}

/** Downloads of a site's errata as CSV, JSON or W3C Web Annotations, for its members. */
export async function exportRoutes(app: FastifyInstance, options: ExportRoutesOptions): Promise<void> {
  const { store, publicUrl } = options;
  app.addHook('onRequest', authenticate(store));

  app.get<{ Querystring: { site: string; format: FormatName; status?: ErratumStatus } }>(
    '/api/v1/export',
    {
      schema: {
        summary: "Download all of a site's errata",
        description:
          'Oldest first (by first report), streamed. CSV is UTF-8 with a BOM, every cell quoted, and cells that a ' +
          "spreadsheet would run as a formula (starting with = + - @, tab or CR) prefixed with '. " +
          'annotation is an AnnotationCollection of Annotations with motivation "editing".',
        tags: ['errata'],
        querystring: ExportQuerySchema,
        response: {
          200: {
            description: 'The export, as an attachment (errata-<site>-<date>.csv|json|jsonld).',
            content: {
              'text/csv': { schema: { type: 'string' } },
              'application/json': { schema: JsonExportSchema },
              'application/ld+json': { schema: { type: 'object' } },
            },
          },
          400: ApiErrorSchema,
          401: ApiErrorSchema,
          404: ApiErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const exported = await openErrataExport(store, request.principal!, request.query);
      const format = FORMATS[request.query.format](exported, publicUrl);
      return reply
        .header('content-type', format.contentType)
        .header('content-disposition', `attachment; filename="${exportFileName(exported, format.extension)}"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(exportText(exported.pages, format), { objectMode: false }));
    },
  );
}

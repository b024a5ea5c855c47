import type { ExportFormat, ExportHeading } from './export-errata.ts';

/**
 * JSON export: `{ site, status, exportedAt, errata: [Erratum, …] }`, each erratum exactly as
 * `GET /api/v1/errata/:id` answers it, with all its comments. Written as it is read, so
 * the document is never whole in memory.
 */
export function jsonExport(heading: ExportHeading): ExportFormat {
  const head = { site: heading.site.id, status: heading.status, exportedAt: heading.exportedAt };
  return {
    contentType: 'application/json; charset=utf-8',
    extension: 'json',
    // The heading's JSON without its closing brace, continued by the errata array.
    start: () => `${JSON.stringify(head).slice(0, -1)},"errata":[`,
    erratum: (erratum, index) => (index === 0 ? '' : ',') + JSON.stringify(erratum),
    end: () => ']}\n',
  };
}

import type { Erratum } from '@errata/core';
import type { ExportFormat } from './export-errata.ts';

/** Makes Excel read the file as UTF-8 (without it, "Rotterdam ×2" shows as "Rotterdam Ã—2"). */
const UTF8_BOM = '\uFEFF';
/** RFC 4180 ends every record, the last one included, with CRLF. */
const RECORD_END = '\r\n';
/**
 * First characters that make a spreadsheet read a cell as a formula (or, for tab and
 * carriage return, hide one behind them): OWASP's list for CSV injection.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The columns, in order, with how each is read from an erratum. */
const COLUMNS: readonly [name: string, cell: (erratum: Erratum) => string | number | null][] = [
  ['id', (e) => e.id],
  ['status', (e) => e.status],
  ['url', (e) => e.url],
  ['title', (e) => e.title],
  ['quote', (e) => e.quote.exact],
  ['prefix', (e) => e.quote.prefix],
  ['suffix', (e) => e.quote.suffix],
  ['position_start', (e) => e.position.start],
  ['position_end', (e) => e.position.end],
  ['reports', (e) => e.reports],
  ['top_suggestion', (e) => e.suggestions[0]?.text ?? null],
  ['suggestions', (e) => e.suggestions.map((s) => `${s.text} ×${s.count}`).join('; ')],
  // One comment a line: a spreadsheet shows them stacked in the cell.
  ['comments', (e) => e.comments.join('\n')],
  ['first_reported_at', (e) => e.firstReportedAt],
  ['last_reported_at', (e) => e.lastReportedAt],
  ['status_changed_at', (e) => e.statusChangedAt],
];

/**
 * One CSV cell, safe to open in a spreadsheet: always quoted (RFC 4180, quotes doubled),
 * so no comma, semicolon or line break inside can start a new cell in any locale; and a
 * value starting like a formula is prefixed with `'`, which spreadsheets read as "text".
 * @example csvCell('=HYPERLINK("http://x","y")') === `"'=HYPERLINK(""http://x"",""y"")"`
 */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

/** One CSV record from its cells, CRLF included. */
export function csvRecord(cells: readonly (string | number | null)[]): string {
  return cells.map(csvCell).join(',') + RECORD_END;
}

/** The CSV record of one erratum, in the columns of the header. */
export function erratumCsvRecord(erratum: Erratum): string {
  return csvRecord(COLUMNS.map(([, cell]) => cell(erratum)));
}

/** CSV export: a BOM, a header record, then one record per erratum. */
export function csvExport(): ExportFormat {
  return {
    contentType: 'text/csv; charset=utf-8; header=present',
    extension: 'csv',
    start: () => UTF8_BOM + csvRecord(COLUMNS.map(([name]) => name)),
    erratum: (erratum) => erratumCsvRecord(erratum),
    end: () => '',
  };
}

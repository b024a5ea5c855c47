import type { Erratum } from '@errata/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roterdamErratum } from '../testing/erratum-fixture.ts';
import { csvCell, csvExport, erratumCsvRecord } from './export-csv.ts';

const erratum = roterdamErratum({ comments: ['Double t.', 'Also, "the" port'] });

/** Reads CSV as RFC 4180 defines it: quoted cells with doubled quotes, CRLF after each record. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted && char === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (quoted) {
      cell += char;
    } else if (char === ',' || (char === '\r' && text[i + 1] === '\n')) {
      record.push(cell);
      cell = '';
      if (char === '\r') {
        records.push(record);
        record = [];
        i++;
      }
    } else {
      cell += char;
    }
  }
  return records;
}

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1+1', `"'+1+1"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['-2+3', `"'-2+3"`],
    ['\t=1+1', `"'\t=1+1"`],
    ['\r=1+1', `"'\r=1+1"`],
  ])('should make %j text a spreadsheet will not run', (hostile, cell) => {
    expect(csvCell(hostile)).toBe(cell);
  });

  it('should leave text that only contains a formula character further in as it is', () => {
    expect(csvCell('a=b+c')).toBe('"a=b+c"');
    expect(csvCell(' =1')).toBe('" =1"');
  });

  it('should quote every cell, so a comma, semicolon or line break never starts a new one', () => {
    expect(csvCell('Rotterdam, NL; "port"\r\nnext')).toBe('"Rotterdam, NL; ""port""\r\nnext"');
    expect(csvCell(120)).toBe('"120"');
    expect(csvCell(null)).toBe('""');
  });

  it('should read back as the same text, or with one added quote when it starts like a formula', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string(), (text, anything) => {
        for (const value of [text, anything]) {
          const [[read]] = parseCsv(`${csvCell(value)}\r\n`) as [[string]];
          expect(read).toBe(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
          expect(read).not.toMatch(/^[=+\-@\t\r]/);
        }
      }),
    );
  });
});

describe('csvExport', () => {
  it('should start with a byte order mark and a header, then one record per erratum', () => {
    const format = csvExport();
    const text = format.start() + format.erratum(erratum, 0) + format.end(1);
    expect(text.startsWith('\uFEFF"id","status","url",')).toBe(true);
    const [header, row, ...rest] = parseCsv(text.slice(1));
    expect(rest).toEqual([]);
    expect(Object.fromEntries(header!.map((name, i) => [name, row![i]]))).toEqual({
      id: '01JTESTERRATUM0000000000001',
      status: 'open',
      url: 'https://news.example.org/harbour-bridge',
      title: 'Old Harbour swing bridge',
      quote: 'Roterdam',
      prefix: 'engineers from ',
      suffix: ' will inspect the',
      position_start: '120',
      position_end: '128',
      reports: '3',
      top_suggestion: 'Rotterdam',
      suggestions: 'Rotterdam ×2; Rottérdam ×1',
      comments: 'Double t.\nAlso, "the" port',
      first_reported_at: '2025-05-01T09:00:00.000Z',
      last_reported_at: '2025-05-02T10:30:00.000Z',
      status_changed_at: '',
    });
  });

  it('should write every reader-typed cell of a hostile erratum as inert text', () => {
    const hostile: Erratum = {
      ...erratum,
      title: '-2+3',
      quote: { exact: '=HYPERLINK("http://x","y")', prefix: '@SUM(A1)', suffix: '+1+1' },
      suggestions: [{ text: '=1+1', count: 1 }],
      comments: ['@cmd|"/c calc"!A0'],
    };
    const cells = parseCsv(erratumCsvRecord(hostile))[0]!;
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    expect(cells).toContain(`'=HYPERLINK("http://x","y")`);
    expect(cells).toContain(`'=1+1 ×1`);
  });

  it('should leave a cell empty for an erratum without title, suggestion or status change', () => {
    const cells = parseCsv(erratumCsvRecord({ ...erratum, title: null, suggestions: [], comments: [] }))[0]!;
    expect(cells[3]).toBe('');
    expect(cells.slice(10, 13)).toEqual(['', '', '']);
  });
});

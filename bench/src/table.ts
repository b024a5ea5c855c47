import type { Figure } from './figure.ts';

const HEADER = ['measure', 'value', 'unit', 'budget/ratio', 'note'] as const;

/** The figures as a plain text table: one row each, columns padded, numbers right-aligned. */
export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [f.name, formatNumber(f.value), f.unit, verdict(f), f.note ?? '']);
  return formatGrid(HEADER, rows, [1]);
}

/** Rows of cells as padded columns under a header and a rule; the columns listed in `right` are right-aligned. */
export function formatGrid(
  header: readonly string[],
  rows: readonly string[][],
  right: readonly number[],
): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        right.includes(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
      )
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** "≤ 2,048 ok" or "≤ 2,048 OVER" for a budget; "ok"/"FAIL" for a check; empty otherwise. */
function verdict(figure: Figure): string {
  if (figure.budget !== undefined) return `≤ ${formatNumber(figure.budget)} ${figure.ok ? 'ok' : 'OVER'}`;
  if (figure.ok !== undefined) return figure.ok ? 'ok' : 'FAIL';
  return '';
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

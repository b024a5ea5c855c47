import type { Figure } from './figure.ts';

const HEADER = ['measure', 'value', 'unit', 'budget/ratio', 'note'] as const;

/** The figures as a plain text table: one row each, columns padded, numbers right-aligned. */
export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [f.name, formatNumber(f.value), f.unit, verdict(f), f.note ?? '']);
  const widths = HEADER.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === 1 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [line(HEADER), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** "≤ 2,048 ok" or "≤ 2,048 OVER" for a budget; "ok"/"FAIL" for a check; empty otherwise. */
function verdict(figure: Figure): string {
  if (figure.budget !== undefined) return `≤ ${formatNumber(figure.budget)} ${figure.ok ? 'ok' : 'OVER'}`;
  if (figure.ok !== undefined) return figure.ok ? 'ok' : 'FAIL';
  return '';
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString('en-US', { maximumFractionDigits: 3 });
}
